from django import forms
from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from careers.levels import PROFICIENCY_LEVELS
from careers.models import (
    CrosswalkLink,
    JobZone,
    Occupation,
    OccupationWage,
    ProficiencyAnchor,
    Requirement,
    Resource,
    Role,
    ScenarioItem,
    ScenarioOption,
    Skill,
    SkillCategory,
    Track,
)


class OnetSourceFilter(admin.SimpleListFilter):
    """Imported from O*NET or written here: the field holding the O*NET id is empty or not."""

    title = _("source")
    parameter_name = "source"
    onet_field = ""

    def lookups(self, request, model_admin):
        return [("onet", _("O*NET")), ("own", _("This catalog"))]

    def queryset(self, request, queryset):
        if self.value() == "onet":
            return queryset.exclude(**{self.onet_field: ""})
        if self.value() == "own":
            return queryset.filter(**{self.onet_field: ""})
        return queryset


class RoleSourceFilter(OnetSourceFilter):
    onet_field = "onet_soc_code"


class SkillSourceFilter(OnetSourceFilter):
    onet_field = "onet_element_id"


class RoleInline(admin.TabularInline):
    model = Role
    fields = ["rank", "title", "slug", "years_experience_min", "years_experience_max"]
    show_change_link = True
    extra = 0
    ordering = ["rank"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "role_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role_count=Count("roles"))

    @admin.display(description=_("roles"), ordering="role_count")
    def role_count(self, track):
        return track.role_count


class RequirementInline(admin.TabularInline):
    model = Requirement
    fields = ["skill", "required_level", "importance"]
    autocomplete_fields = ["skill"]
    ordering = ["skill__category__position", "skill__position", "skill__name"]
    extra = 1


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "track",
        "rank",
        "years_experience_display",
        "salary_median",
        "requirement_count",
    ]
    list_display_links = ["title"]
    list_filter = ["track", RoleSourceFilter]
    search_fields = ["title", "slug", "other_titles", "summary", "onet_soc_code"]
    # Set by import_onet, which finds the role again by its code.
    readonly_fields = ["onet_soc_code", "onet_release"]
    ordering = ["track", "rank"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["track"]
    inlines = [RequirementInline]
    fieldsets = [
        (None, {"fields": ["track", "rank", "title", "slug", "other_titles"]}),
        (_("What the role is"), {"fields": ["summary", "responsibilities", "focus_areas"]}),
        (
            _("Experience"),
            {"fields": [("years_experience_min", "years_experience_max"), "years_leading_min"]},
        ),
        (
            _("Salary"),
            {
                "fields": [
                    ("salary_median", "salary_low", "salary_high"),
                    "salary_currency",
                    "salary_source",
                    "soc_code",
                ]
            },
        ),
        (_("Source"), {"fields": [("onet_soc_code", "onet_release")]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(requirement_count=Count("requirements"))

    @admin.display(description=_("experience"), ordering="years_experience_min")
    def years_experience_display(self, role):
        return role.years_experience_display

    @admin.display(description=_("requirements"), ordering="requirement_count")
    def requirement_count(self, role):
        return role.requirement_count


class SkillInline(admin.TabularInline):
    model = Skill
    fields = ["position", "name", "slug"]
    show_change_link = True
    extra = 0


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "skill_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SkillInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("skills"))

    @admin.display(description=_("skills"), ordering="skill_count")
    def skill_count(self, category):
        return category.skill_count


class AnchorInline(admin.TabularInline):
    """Always offers all five levels, so an admin sees at once which one is missing."""

    model = ProficiencyAnchor
    fields = ["level", "short_description", "description"]
    max_num = len(PROFICIENCY_LEVELS)
    min_num = len(PROFICIENCY_LEVELS)
    validate_min = True

    def get_extra(self, request, obj=None, **kwargs):
        return 0


class ResourceInline(admin.StackedInline):
    model = Resource
    fields = [
        ("from_level", "to_level"),
        ("title", "slug"),
        ("provider", "industry"),
        ("kind", "effort_hours", "cost"),
        "description",
        "url",
    ]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0
    ordering = ["from_level", "to_level"]


class CrosswalkLinkForm(forms.ModelForm):
    """The O*NET skill picked by name from those in the catalog; the link stores its element
    id (see `CrosswalkLink`), and keeps an id no imported skill carries rather than drop it."""

    onet_element_id = forms.ChoiceField(label=_("O*NET skill"))

    class Meta:
        model = CrosswalkLink
        fields = ["skill", "onet_element_id", "weight"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "---------")] + [
            (element_id, f"{name} ({element_id})")
            for element_id, name in Skill.objects.exclude(onet_element_id="")
            .order_by("name")
            .values_list("onet_element_id", "name")
        ]
        current = self.instance.onet_element_id
        if current and current not in dict(choices):
            choices.append((current, _("%(id)s (no such O*NET skill)") % {"id": current}))
        field = self.fields["onet_element_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class CrosswalkLinkInline(admin.TabularInline):
    """On one of our skills: the O*NET skills it informs."""

    model = CrosswalkLink
    form = CrosswalkLinkForm
    fk_name = "skill"
    extra = 0


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "position", "anchor_count", "resource_count"]
    list_filter = ["category", SkillSourceFilter]
    search_fields = ["name", "slug", "description", "onet_element_id"]
    # Set by import_onet, which finds the skill again by its element id.
    readonly_fields = ["onet_element_id", "onet_release"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["category"]
    inlines = [AnchorInline, ResourceInline, CrosswalkLinkInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                anchor_count=Count("anchors", distinct=True),
                resource_count=Count("resources", distinct=True),
            )
        )

    @admin.display(description=_("anchors"), ordering="anchor_count")
    def anchor_count(self, skill):
        return skill.anchor_count

    @admin.display(description=_("resources"), ordering="resource_count")
    def resource_count(self, skill):
        return skill.resource_count


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["role", "skill", "required_level", "importance"]
    list_editable = ["required_level", "importance"]
    list_filter = ["role__track", "role", "skill__category", "importance", "required_level"]
    search_fields = ["role__title", "skill__name"]
    autocomplete_fields = ["role", "skill"]
    list_select_related = ["role", "skill"]
    ordering = ["role__track", "role__rank", "skill__category__position", "skill__position"]


@admin.register(CrosswalkLink)
class CrosswalkLinkAdmin(admin.ModelAdmin):
    form = CrosswalkLinkForm
    list_display = ["skill", "onet_skill", "onet_element_id", "weight"]
    list_editable = ["weight"]
    list_filter = ["weight", "skill__category"]
    search_fields = ["skill__name", "skill__slug", "onet_element_id", "onet_skill_name"]
    autocomplete_fields = ["skill"]
    list_select_related = ["skill"]

    def get_queryset(self, request):
        names = Skill.objects.filter(onet_element_id=OuterRef("onet_element_id")).values("name")
        return super().get_queryset(request).annotate(onet_skill_name=Subquery(names[:1]))

    @admin.display(description=_("O*NET skill"), ordering="onet_skill_name")
    def onet_skill(self, link):
        return link.onet_skill_name or _("(not in the catalog)")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "provider",
        "skill",
        "kind",
        "industry",
        "from_level",
        "to_level",
        "effort_hours",
        "cost",
    ]
    list_filter = ["kind", "industry", "from_level", "to_level", "skill__category"]
    search_fields = ["title", "provider", "description", "skill__name", "url"]
    autocomplete_fields = ["skill"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["skill"]
    ordering = ["skill__name", "from_level", "to_level", "cost"]


@admin.register(ProficiencyAnchor)
class ProficiencyAnchorAdmin(admin.ModelAdmin):
    list_display = ["skill", "level", "short_description", "description"]
    list_filter = ["level", "skill__category"]
    search_fields = ["skill__name", "short_description", "description"]
    autocomplete_fields = ["skill"]
    list_select_related = ["skill"]


class ScenarioOptionInline(admin.TabularInline):
    model = ScenarioOption
    fields = ["position", "slug", "text", "level"]
    ordering = ["position"]
    extra = 0
    min_num = 2


@admin.register(ScenarioItem)
class ScenarioItemAdmin(admin.ModelAdmin):
    list_display = ["slug", "skill", "min_rank", "prompt"]
    list_filter = ["min_rank", "skill__category", "skill"]
    fields = ["skill", "slug", "prompt", "min_rank", "position"]
    search_fields = ["slug", "prompt", "skill__name"]
    autocomplete_fields = ["skill"]
    list_select_related = ["skill"]
    inlines = [ScenarioOptionInline]


class PublicDataAdmin(admin.ModelAdmin):
    """Occupation facts come from O*NET and BLS through `load_occupations`, which would undo
    an edit made here: they are shown, not edited."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(JobZone)
class JobZoneAdmin(PublicDataAdmin):
    list_display = ["number", "name"]


@admin.register(Occupation)
class OccupationAdmin(PublicDataAdmin):
    list_display = ["code", "title", "job_zone", "onet_release"]
    list_filter = ["job_zone"]
    search_fields = ["code", "title", "alternate_titles__title"]
    list_select_related = ["job_zone"]


@admin.register(OccupationWage)
class OccupationWageAdmin(PublicDataAdmin):
    list_display = ["soc_code", "title", "release", "employment", "annual_median"]
    list_filter = ["release", "display_level"]
    search_fields = ["soc_code", "title"]
