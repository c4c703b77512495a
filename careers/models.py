"""The career catalog: tracks and their ladders of roles, skills with behavioural anchors,
what each role requires, and the resources that take a person one level further.

Every model has a natural key (its slug, or the slugs of what it joins) so the fixtures in
`fixtures/` read as data rather than as a list of ids, and loading them twice updates rows in
place instead of duplicating them.

Roles and skills imported from the US O*NET database (`import_onet`) remember where they came
from — the O*NET-SOC code and release of a role, the element id of a skill — so a later import
updates them in place and never touches what admins wrote themselves.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Length, NullIf, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from careers.crosswalk import Link
from careers.levels import MAX_LEVEL, MIN_LEVEL, PROFICIENCY_CHOICES, Importance, Level

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

SOC_CODE_VALIDATOR = RegexValidator(
    r"^\d{2}-\d{4}$", _("A SOC code has the form 43-4051: two digits, a hyphen, four digits.")
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _slug_of(instance: models.Model, relation: str) -> str | None:
    """The slug of a related object, or None while a fixture has not resolved the relation."""
    if getattr(instance, f"{relation}_id") is None:
        return None
    return getattr(instance, relation).slug


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class TrackQuerySet(models.QuerySet):
    def annotate_role_counts(self) -> "TrackQuerySet":
        """How many roles each track holds, and how many of them were imported from O*NET
        (the import keeps its roles in tracks of their own, so a track is one or the other)."""
        return self.annotate(
            role_count=Count("roles", distinct=True),
            imported_role_count=Count("roles", filter=~Q(roles__onet_soc_code=""), distinct=True),
        )

    def listed(self) -> "TrackQuerySet":
        """The tracks of jobs: not the one that holds the skills profile."""
        return self.exclude(roles__is_skills_profile=True)


_TrackManagerBase = SlugManager.from_queryset(TrackQuerySet)


class TrackManager(_TrackManagerBase):
    pass


class Track(models.Model):
    """A career path, e.g. customer service, whose roles form one ladder."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = TrackManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("career track")
        verbose_name_plural = _("career tracks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:track_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class RoleQuerySet(models.QuerySet):
    def annotate_skill_count(self) -> "RoleQuerySet":
        return self.annotate(
            skill_count=Count("requirements", filter=Q(requirements__required_level__gt=0))
        )

    def on_ladder(self, track: Track) -> "RoleQuerySet":
        """The rungs of one track, lowest first, each with how many skills it requires and,
        for an O*NET occupation, its Job Zone's number (`onet_job_zone`: it states no years)."""
        zone = Occupation.objects.filter(code=OuterRef("onet_soc_code")).values("job_zone_id")
        return (
            self.filter(track=track)
            .annotate_skill_count()
            .annotate(onet_job_zone=Subquery(zone[:1]))
            .order_by("rank")
        )

    def jobs(self) -> "RoleQuerySet":
        """Every role but the skills profile, which is a questionnaire, not a job."""
        return self.filter(is_skills_profile=False)


# Named before use: mypy's Django plugin follows `from_queryset` in an assignment only.
_RoleManagerBase = SlugManager.from_queryset(RoleQuerySet)


class RoleManager(_RoleManagerBase):
    pass


class Role(models.Model):
    """One rung of a track's ladder, with the experience and pay typical for it."""

    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, related_name="roles", verbose_name=_("track")
    )
    rank = models.PositiveSmallIntegerField(
        _("rank on the ladder"),
        validators=[MinValueValidator(1)],
        help_text=_("1 is the entry-level rung; each step up the ladder adds one."),
    )
    # 150 like O*NET's own titles, the longest a role can be given by an import.
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    other_titles = models.CharField(
        _("other titles"),
        max_length=255,
        blank=True,
        help_text=_("Comma-separated titles employers use for the same rung."),
    )
    summary = models.TextField(_("what the role does"))
    responsibilities = models.TextField(_("responsibilities"), help_text=_("One per line."))
    focus_areas = models.TextField(
        _("focus areas"),
        blank=True,
        help_text=_("What a person in this role works on to grow. One per line."),
    )
    years_experience_min = models.PositiveSmallIntegerField(
        _("typical years of experience (from)"), validators=[MaxValueValidator(50)]
    )
    years_experience_max = models.PositiveSmallIntegerField(
        _("typical years of experience (to)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text=_("Leave empty for open-ended ranges such as “12+ years”."),
    )
    years_leading_min = models.PositiveSmallIntegerField(
        _("typical years leading people"),
        default=0,
        validators=[MaxValueValidator(50)],
        help_text=_("Years in a leadership or management position the role usually expects."),
    )
    salary_median = models.PositiveIntegerField(_("median salary"), null=True, blank=True)
    salary_low = models.PositiveIntegerField(_("salary range from"), null=True, blank=True)
    salary_high = models.PositiveIntegerField(_("salary range to"), null=True, blank=True)
    salary_currency = models.CharField(_("salary currency"), max_length=3, default="USD")
    salary_source = models.CharField(
        _("salary source"),
        max_length=255,
        blank=True,
        help_text=_("Where the salary figures come from, with the year."),
    )
    onet_soc_code = models.CharField(
        _("O*NET-SOC code"),
        max_length=10,
        blank=True,
        help_text=_("Set by the O*NET import; empty for roles written for this catalog."),
    )
    onet_release = models.CharField(
        _("O*NET release"),
        max_length=10,
        blank=True,
        help_text=_("The O*NET database version the role's skills were last imported from."),
    )
    soc_code = models.CharField(
        _("SOC code"),
        max_length=7,
        blank=True,
        validators=[SOC_CODE_VALIDATOR],
        help_text=_(
            "The Standard Occupational Classification code (e.g. 43-4051) whose national "
            "employment and wages (BLS) show beside the role; several rungs may share one."
        ),
    )
    is_skills_profile = models.BooleanField(
        _("skills profile"),
        default=False,
        editable=False,
        help_text=_(
            "Not a job: the questionnaire of “Which careers fit me?”, which rates every O*NET "
            "skill once so that every role can be ranked by the answers. Kept in step with the "
            "O*NET skills by load_occupations; never listed or ranked as a role."
        ),
    )

    objects = RoleManager()

    class Meta:
        ordering = ["track", "rank"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["track", "rank"],
                name="role_rank_unique_in_track",
                violation_error_message=_("Another role of this track already has this rank."),
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="role_rank_positive"),
            models.CheckConstraint(
                condition=Q(years_experience_max__isnull=True)
                | Q(years_experience_max__gte=models.F("years_experience_min")),
                name="role_years_range_ordered",
                violation_error_message=_(
                    "The upper bound of the years of experience is below the lower bound."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(salary_low__isnull=True)
                    | Q(salary_median__isnull=True)
                    | Q(salary_low__lte=models.F("salary_median"))
                )
                & (
                    Q(salary_high__isnull=True)
                    | Q(salary_median__isnull=True)
                    | Q(salary_median__lte=models.F("salary_high"))
                ),
                name="role_salary_range_ordered",
                violation_error_message=_(
                    "The salary range must run from low to high around the median."
                ),
            ),
            models.UniqueConstraint(
                fields=["onet_soc_code"],
                condition=~Q(onet_soc_code=""),
                name="role_onet_soc_code_unique",
                violation_error_message=_("Another role was imported from this O*NET occupation."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:role_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def is_from_onet(self) -> bool:
        return bool(self.onet_soc_code)

    def ladder_neighbors(self) -> dict[str, "Role | None"]:
        """The roles one step down and one step up the same ladder, in one query."""
        ranks = {self.rank - 1: "previous", self.rank + 1: "next"}
        found = Role.objects.filter(track_id=self.track_id, rank__in=ranks)
        return {"previous": None, "next": None} | {ranks[role.rank]: role for role in found}

    @property
    def responsibility_list(self) -> list[str]:
        return _lines(self.responsibilities)

    @property
    def states_years(self) -> bool:
        """Whether the role says how many years it takes (an O*NET occupation's data does not:
        its Job Zone says how much preparation it takes instead)."""
        return not (self.years_experience_max is None and not self.years_experience_min)

    @property
    def years_experience_display(self) -> "str | StrPromise":
        low, high = self.years_experience_min, self.years_experience_max
        if not self.states_years:
            return _("No minimum")
        if high is None:
            return ngettext("%(low)d+ year", "%(low)d+ years", low) % {"low": low}
        if low == high:
            return ngettext("%(low)d year", "%(low)d years", low) % {"low": low}
        return _("%(low)d–%(high)d years") % {"low": low, "high": high}

    @property
    def other_title_list(self) -> list[str]:
        return [title.strip() for title in self.other_titles.split(",") if title.strip()]

    @property
    def focus_area_list(self) -> list[str]:
        return _lines(self.focus_areas)


class SkillCategory(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SlugManager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)


class Skill(models.Model):
    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order of the skill within its category.")
    )
    onet_element_id = models.CharField(
        _("O*NET element id"),
        max_length=20,
        blank=True,
        help_text=_("Set by the O*NET import, e.g. 2.A.1.b; empty for skills written here."),
    )
    onet_release = models.CharField(
        _("O*NET release"),
        max_length=10,
        blank=True,
        help_text=_("The O*NET database version the definition and levels were taken from."),
    )

    objects = SlugManager()

    class Meta:
        ordering = ["category__position", "position", "name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(
                fields=["onet_element_id"],
                condition=~Q(onet_element_id=""),
                name="skill_onet_element_id_unique",
                violation_error_message=_("Another skill was imported from this O*NET element."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:skill_detail", args=[self.slug])

    @property
    def is_from_onet(self) -> bool:
        return bool(self.onet_element_id)

    def natural_key(self):
        return (self.slug,)


# The questionnaire shows every level of every skill by its short anchor, so a person can pick
# their level at a glance; ~12 words is one line on a phone and a few seconds' reading.
SHORT_ANCHOR_MAX_WORDS = 12
SHORT_ANCHOR_MAX_LENGTH = 120
SHORT_ANCHOR_TOO_LONG = _("At most %(limit)d words, please: this has %(count)d.")


def short_anchor_word_count(text: str) -> int:
    return len(text.split())


def validate_short_anchor(text: str) -> None:
    count = short_anchor_word_count(text)
    if count > SHORT_ANCHOR_MAX_WORDS:
        raise ValidationError(
            SHORT_ANCHOR_TOO_LONG,
            code="too_many_words",
            params={"limit": SHORT_ANCHOR_MAX_WORDS, "count": count},
        )


class AnchorManager(models.Manager):
    def get_by_natural_key(self, skill_slug, level):
        return self.get(skill__slug=skill_slug, level=level)


class ProficiencyAnchor(models.Model):
    """What a skill looks like, observably, at one level: the yardstick for a self-rating."""

    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="anchors", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=PROFICIENCY_CHOICES,
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
    )
    description = models.TextField(_("what it looks like at this level"))
    short_description = models.CharField(
        _("in a few words"),
        max_length=SHORT_ANCHOR_MAX_LENGTH,
        blank=True,
        validators=[validate_short_anchor],
        help_text=_(
            "The questionnaire's label for this level: at most %(words)d words, in plain "
            "language, enough on its own to tell this level from the other four. The full "
            "description stays one tap away and on the skill page."
        )
        % {"words": SHORT_ANCHOR_MAX_WORDS},
    )

    objects = AnchorManager()

    class Meta:
        ordering = ["skill", "level"]
        verbose_name = _("proficiency anchor")
        verbose_name_plural = _("proficiency anchors")
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "level"],
                name="anchor_one_per_skill_and_level",
                violation_error_message=_("This skill already has a description for this level."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="anchor_level_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} — {self.get_level_display()}"

    @property
    def short_text(self) -> str:
        """The short anchor, or the full description while no short one is written yet."""
        return self.short_description or self.description

    def natural_key(self):
        return (_slug_of(self, "skill"), self.level)

    # Django's own protocol for fixture order: an attribute on the method.
    natural_key.dependencies = ["careers.skill"]  # type: ignore[attr-defined]


class RequirementQuerySet(models.QuerySet):
    def for_role_page(self, role: Role, *, with_rung_below: bool = False) -> "RequirementQuerySet":
        """A role's requirements in catalog order, each with the anchor of its required level.

        The anchor comes from a subquery so the page costs one query however many skills.
        With `with_rung_below`, the same query also reads the rows of the rung below on the
        role's ladder (tell them apart by `role_id`): an assessment asks the skills that rung
        adds too (`careers.revision.questionnaire_rungs`), and the page says how long it takes.
        """
        anchor = ProficiencyAnchor.objects.filter(
            skill=OuterRef("skill"), level=OuterRef("required_level")
        ).values("description")[:1]
        rungs = Q(role=role)
        if with_rung_below:
            rungs |= Q(role__track_id=role.track_id, role__rank=role.rank - 1)
        return (
            self.filter(rungs)
            .select_related("skill__category")
            .annotate(required_anchor=Subquery(anchor), **_questionnaire_sizes())
            .order_by("skill__category__position", "skill__position", "skill__name")
        )

    def for_questionnaire(self, role: Role | int) -> "RequirementQuerySet":
        """What an assessment asks about: the role's required skills in catalog order, with
        their anchors and the scenario items that fit the role's rung (never one written for
        team leads to a junior), in four queries however many skills there are."""
        if isinstance(role, Role):
            rank: int | Subquery = role.rank
        else:  # an id, as the questionnaire cache passes it: the rank joins the items' query
            rank = Subquery(Role.objects.filter(pk=role).values("rank")[:1])
        return (
            self.filter(role=role, required_level__gt=0)
            .select_related("skill__category")
            .prefetch_related(
                "skill__anchors",
                Prefetch("skill__scenario_items", queryset=ScenarioItem.objects.for_rank(rank)),
                "skill__scenario_items__options",
            )
            .order_by("skill__category__position", "skill__position", "skill__name")
        )


def _questionnaire_sizes() -> dict[str, Combinable]:
    """What a skill's questions show, as sums the database computes in the same query:
    anchors and their text length, scenario items, their options and text length. The
    role page turns them into its "about N minutes" without loading any of those texts."""

    def per_skill(queryset: models.QuerySet, skill_path: str, **aggregate) -> Coalesce:
        (expression,) = aggregate.values()
        rows = (
            queryset.filter(**{skill_path: OuterRef("skill")})
            .order_by()
            .values(skill_path)
            .annotate(total=expression)
            .values("total")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    # Only the situations that fit the requirement's rung, as the questionnaire asks them.
    anchors = ProficiencyAnchor.objects.all()
    items = ScenarioItem.objects.for_rank(OuterRef("role__rank"))
    options = ScenarioOption.objects.filter(item__min_rank__lte=OuterRef("role__rank"))
    return {
        "anchor_count": per_skill(anchors, "skill", n=Count("pk")),
        # What the questionnaire shows for each level (`ProficiencyAnchor.short_text`).
        "anchor_characters": per_skill(
            anchors,
            "skill",
            n=Sum(Length(Coalesce(NullIf("short_description", Value("")), "description"))),
        ),
        "scenario_count": per_skill(items, "skill", n=Count("pk")),
        "scenario_options": per_skill(options, "item__skill", n=Count("pk")),
        "scenario_characters": per_skill(items, "skill", n=Sum(Length("prompt")))
        + per_skill(options, "item__skill", n=Sum(Length("text"))),
    }


_RequirementManagerBase = models.Manager.from_queryset(RequirementQuerySet)


class RequirementManager(_RequirementManagerBase):
    def get_by_natural_key(self, role_slug, skill_slug):
        return self.get(role__slug=role_slug, skill__slug=skill_slug)


class Requirement(models.Model):
    """How well a role needs a skill, and how much it matters for that role."""

    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("role")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("skill")
    )
    required_level = models.PositiveSmallIntegerField(
        _("required level"),
        choices=Level.choices,
        validators=[MinValueValidator(Level.NOT_REQUIRED), MaxValueValidator(MAX_LEVEL)],
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        choices=Importance.choices,
        validators=[MinValueValidator(Importance.MINOR), MaxValueValidator(Importance.ESSENTIAL)],
    )

    objects = RequirementManager()

    class Meta:
        ordering = ["role", "skill"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "skill"],
                name="requirement_one_per_role_and_skill",
                violation_error_message=_("This role already has a requirement for this skill."),
            ),
            models.CheckConstraint(
                condition=Q(required_level__gte=Level.NOT_REQUIRED, required_level__lte=MAX_LEVEL),
                name="requirement_level_0_to_5",
            ),
            models.CheckConstraint(
                condition=Q(importance__gte=Importance.MINOR, importance__lte=Importance.ESSENTIAL),
                name="requirement_importance_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.skill} ({self.get_required_level_display()})"

    def natural_key(self):
        return (_slug_of(self, "role"), _slug_of(self, "skill"))

    # Django's own protocol for fixture order: an attribute on the method.
    natural_key.dependencies = ["careers.role", "careers.skill"]  # type: ignore[attr-defined]


class CrosswalkWeight(models.IntegerChoices):
    """How much of the O*NET skill one of ours covers (`careers.crosswalk`)."""

    PART = 1, _("A part of it")
    LARGE_PART = 2, _("A large part of it")
    SAME = 3, _("The same skill")


ONET_ELEMENT_ID_VALIDATOR = RegexValidator(
    r"^\d+(\.[A-Za-z0-9]+)+$", _("An O*NET element id has the form 2.A.1.d.")
)


CROSSWALK_SKILL_FROM_ONET = _(
    "Choose one of this catalog's own skills: the crosswalk links them to O*NET's."
)


class CrosswalkLinkQuerySet(models.QuerySet["CrosswalkLink"]):
    def as_links(self) -> list[Link]:
        """Every link whose O*NET skill is in the catalog, as the plain rows
        `careers.crosswalk` reads (the O*NET skill by its slug), in one query. Links to an
        element no imported skill carries are left out; `check_catalog` reports them."""
        onet_slug = Skill.objects.filter(onet_element_id=OuterRef("onet_element_id")).values(
            "slug"
        )[:1]
        rows = (
            self.annotate(onet_slug=Subquery(onet_slug))
            .exclude(onet_slug=None)
            .order_by("skill__slug", "onet_element_id")
            .values_list("skill__slug", "onet_slug", "weight")
        )
        return [Link(ours, onet, weight) for ours, onet, weight in rows]


_CrosswalkLinkManagerBase = models.Manager.from_queryset(CrosswalkLinkQuerySet)


class CrosswalkLinkManager(_CrosswalkLinkManagerBase):
    def get_by_natural_key(self, skill_slug, onet_element_id):
        return self.get(skill__slug=skill_slug, onet_element_id=onet_element_id)


class CrosswalkLink(models.Model):
    """One of our skills informs one of O*NET's 35 skills: a person's level in ours gives a
    level in O*NET's, and back (`careers.crosswalk` says how several combine).

    The O*NET side is named by its element id (2.A.1.d Speaking), which O*NET keeps from one
    release to the next, so the crosswalk loads and moves between installations whether or not
    the O*NET skills are in the catalog yet; `check_catalog` reports ids no skill carries.
    """

    skill = models.ForeignKey(
        Skill,
        on_delete=models.CASCADE,
        related_name="crosswalk_links",
        verbose_name=_("our skill"),
        limit_choices_to={"onet_element_id": ""},
    )
    onet_element_id = models.CharField(
        _("O*NET skill"),
        max_length=20,
        validators=[ONET_ELEMENT_ID_VALIDATOR],
        help_text=_("The O*NET skill it informs, by element id, e.g. 2.A.1.d for Speaking."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        choices=CrosswalkWeight.choices,
        default=CrosswalkWeight.SAME,
        help_text=_(
            "How much of the O*NET skill ours covers. Where several of ours inform one O*NET "
            "skill, the heaviest measured ones decide its level; lighter ones only fill in."
        ),
    )

    objects = CrosswalkLinkManager()

    class Meta:
        ordering = ["skill", "onet_element_id"]
        verbose_name = _("crosswalk link")
        verbose_name_plural = _("crosswalk links")
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "onet_element_id"],
                name="crosswalk_link_unique",
                violation_error_message=_("This skill already informs this O*NET skill."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=CrosswalkWeight.PART, weight__lte=CrosswalkWeight.SAME),
                name="crosswalk_weight_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} → {self.onet_element_id}"

    def clean(self) -> None:
        if self.skill_id is not None and self.skill.is_from_onet:
            raise ValidationError({"skill": CROSSWALK_SKILL_FROM_ONET})

    def natural_key(self):
        return (_slug_of(self, "skill"), self.onet_element_id)

    # Django's own protocol for fixture order: an attribute on the method.
    natural_key.dependencies = ["careers.skill"]  # type: ignore[attr-defined]


class ResourceKind(models.TextChoices):
    COURSE = "course", _("Course")
    CERTIFICATION = "certification", _("Certification")
    BOOK = "book", _("Book")
    PRACTICE = "practice", _("Practice activity")
    ON_THE_JOB = "on_the_job", _("On-the-job stretch")


class Industry(models.TextChoices):
    """The industries a resource can be specific to, e.g. a license only insurers need."""

    BANKING = "banking", _("Banking and financial services")
    HEALTHCARE = "healthcare", _("Healthcare")
    INSURANCE = "insurance", _("Insurance")
    RETAIL = "retail", _("Retail")
    SOFTWARE = "software", _("Software and IT")
    TELECOM = "telecom", _("Telecommunications")


class Resource(models.Model):
    """A concrete next step that takes someone from one level of a skill to a higher one:
    a named course, certification, book or activity, and who offers it."""

    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="resources", verbose_name=_("skill")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_(
            "The actual course, certification, book or activity, as its provider names it."
        ),
    )
    provider = models.CharField(
        _("provider"),
        max_length=120,
        help_text=_(
            "Who offers it, e.g. “HubSpot Academy”, “HDI”, “Your public library” or “On the job”."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    industry = models.CharField(
        _("industry"),
        max_length=20,
        choices=Industry.choices,
        blank=True,
        help_text=_("Only for resources that fit one industry; leave empty when it fits any."),
    )
    description = models.TextField(_("description"))
    from_level = models.PositiveSmallIntegerField(
        _("from level"),
        choices=[(level.value, level.label) for level in Level if level < MAX_LEVEL],
        validators=[MaxValueValidator(MAX_LEVEL - 1)],
    )
    to_level = models.PositiveSmallIntegerField(
        _("to level"),
        choices=PROFICIENCY_CHOICES,
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
    )
    effort_hours = models.PositiveSmallIntegerField(
        _("effort (hours)"), help_text=_("Rough total time a learner should plan for.")
    )
    cost = models.PositiveIntegerField(
        _("cost"), default=0, help_text=_("Rough cost in US dollars; 0 means free.")
    )
    # Only web links: a learner opens them in a browser.
    url = models.URLField(
        _("link"), blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )

    objects = SlugManager()

    class Meta:
        # Free options first within a level step.
        ordering = ["skill", "from_level", "to_level", "cost", "title"]
        verbose_name = _("learning resource")
        verbose_name_plural = _("learning resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(from_level__lt=models.F("to_level")),
                name="resource_step_goes_up",
                violation_error_message=_(
                    "A resource must lead to a higher level than it starts from."
                ),
            ),
            models.CheckConstraint(
                condition=Q(from_level__gte=Level.NOT_REQUIRED, to_level__lte=MAX_LEVEL),
                name="resource_levels_0_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self):
        return (self.slug,)


class ScenarioItemQuerySet(models.QuerySet):
    def for_rank(self, rank: int | Combinable) -> "ScenarioItemQuerySet":
        """The items that fit a rung of this rank: written for it or for a rung below."""
        return self.filter(min_rank__lte=rank)


_ScenarioItemManagerBase = SlugManager.from_queryset(ScenarioItemQuerySet)


class ScenarioItemManager(_ScenarioItemManagerBase):
    pass


class ScenarioItem(models.Model):
    """A situational-judgement question that shows a skill in action rather than asking
    the person to rate it; its options are scored for the level of judgement they show.

    An item written from a leader's seat ("As team lead, what do you do?") means nothing to
    someone who has never led a team, so each item names the lowest rung it fits, by rank on
    the ladders of the roles that require its skill.
    """

    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="scenario_items", verbose_name=_("skill")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    prompt = models.TextField(_("situation"), help_text=_("The situation and the question."))
    min_rank = models.PositiveSmallIntegerField(
        _("lowest rung it fits"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "The rank on the ladder from which the situation makes sense, e.g. the team lead’s "
            "rank for one that says “as team lead”; 1 fits every rung."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ScenarioItemManager()

    class Meta:
        ordering = ["skill", "position", "slug"]
        verbose_name = _("scenario item")
        verbose_name_plural = _("scenario items")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_rank__gte=1),
                name="scenario_item_min_rank_positive",
                violation_error_message=_("The lowest rung an item fits is rank 1 or above."),
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    def natural_key(self):
        return (self.slug,)


class ScenarioOptionManager(models.Manager):
    def get_by_natural_key(self, item_slug, slug):
        return self.get(item__slug=item_slug, slug=slug)


class ScenarioOption(models.Model):
    item = models.ForeignKey(
        ScenarioItem, on_delete=models.CASCADE, related_name="options", verbose_name=_("item")
    )
    slug = models.SlugField(_("slug"), max_length=40)
    text = models.TextField(_("answer"))
    level = models.PositiveSmallIntegerField(
        _("level it shows"),
        choices=PROFICIENCY_CHOICES,
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ScenarioOptionManager()

    class Meta:
        ordering = ["item", "position", "slug"]
        verbose_name = _("scenario option")
        verbose_name_plural = _("scenario options")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "slug"],
                name="scenario_option_slug_unique_in_item",
                violation_error_message=_("This question already has an answer with this slug."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="scenario_option_level_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.slug}/{self.slug}"

    def natural_key(self):
        return (_slug_of(self, "item"), self.slug)

    # Django's own protocol for fixture order: an attribute on the method.
    natural_key.dependencies = ["careers.scenarioitem"]  # type: ignore[attr-defined]


# Occupation facts: public reference data about every O*NET occupation (what it is called,
# what it does, how much preparation it needs, which occupations are near it) and the national
# employment and wages BLS publishes per SOC code. `load_occupations` fills them from data/;
# roles link to them by code (`Role.onet_soc_code`, `Role.soc_code`), not by foreign key, so a
# catalog moves between installations without them.


class JobZone(models.Model):
    """One of O*NET's five levels of preparation an occupation needs (education, experience,
    training)."""

    number = models.PositiveSmallIntegerField(
        _("job zone"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    name = models.CharField(_("name"), max_length=120)
    experience = models.TextField(_("experience"))
    education = models.TextField(_("education"))
    training = models.TextField(_("job training"))
    examples = models.TextField(_("examples"))
    svp_range = models.CharField(_("SVP range"), max_length=40)

    class Meta:
        ordering = ["number"]
        verbose_name = _("job zone")
        verbose_name_plural = _("job zones")

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """The name without its "Job Zone Two: " (O*NET's names all begin so)."""
        return self.name.partition(": ")[2] or self.name

    @property
    def experience_summary(self) -> str:
        """The first sentence of what the zone says of experience (the rest is an example)."""
        first, stop, _rest = self.experience.partition(". ")
        return first + "." if stop else self.experience


class OccupationQuerySet(models.QuerySet):
    def matching(self, text: str) -> "OccupationQuerySet":
        """Occupations whose title or one of whose alternate titles contains `text`, those
        matched by their own title first, each with the alternate title that matched."""
        alternate = AlternateTitle.objects.filter(occupation=OuterRef("pk"), title__icontains=text)
        return (
            self.filter(Q(title__icontains=text) | Exists(alternate))
            .annotate(
                matched_title=Subquery(alternate.order_by(Length("title")).values("title")[:1]),
                by_own_title=Case(
                    When(title__icontains=text, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .order_by("by_own_title", Length("title"), "title")
        )

    def in_major_group(self, group: str) -> "OccupationQuerySet":
        return self.filter(code__startswith=f"{group}-")

    def with_listing_facts(self) -> "OccupationQuerySet":
        """What a list row shows in the same query: Job Zone, the newest national median
        wage, and the slug of the role whose skills O*NET rates (none: not rated)."""
        wages = OccupationWage.objects.filter(soc_code=Substr(OuterRef("code"), 1, 7))
        roles = Role.objects.filter(onet_soc_code=OuterRef("code"))
        return self.select_related("job_zone").annotate(
            annual_median=Subquery(wages.order_by("-pk").values("annual_median")[:1]),
            role_slug=Subquery(roles.values("slug")[:1]),
        )


_OccupationManagerBase = models.Manager.from_queryset(OccupationQuerySet)


class OccupationManager(_OccupationManagerBase):
    pass


class Occupation(models.Model):
    """An occupation of the O*NET taxonomy, whether or not O*NET rates its skills (those it
    rates are also roles, imported by `import_onet`)."""

    code = models.CharField(_("O*NET-SOC code"), max_length=10, unique=True)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    job_zone = models.ForeignKey(
        JobZone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="occupations",
        verbose_name=_("job zone"),
    )
    onet_release = models.CharField(_("O*NET release"), max_length=10)

    objects = OccupationManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("careers:occupation_detail", args=[self.code])

    @property
    def soc_code(self) -> str:
        """The SOC code BLS publishes wages under: 43-4051.00 → 43-4051."""
        return self.code[:7]

    @property
    def major_group(self) -> str:
        """The SOC major group, e.g. 43 (Office and Administrative Support)."""
        return self.code[:2]


class AlternateTitle(models.Model):
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.CASCADE,
        related_name="alternate_titles",
        verbose_name=_("occupation"),
    )
    title = models.CharField(_("title"), max_length=255)
    short_title = models.CharField(_("short title"), max_length=150, blank=True)

    class Meta:
        ordering = ["occupation", "title"]
        verbose_name = _("alternate title")
        verbose_name_plural = _("alternate titles")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "title"], name="alternate_title_unique_in_occupation"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TaskType(models.TextChoices):
    CORE = "core", _("Core")
    SUPPLEMENTAL = "supplemental", _("Supplemental")
    UNRATED = "", _("Not rated")


class OccupationTask(models.Model):
    """A task statement: what people in the occupation do."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("occupation")
    )
    onet_task_id = models.PositiveIntegerField(_("O*NET task id"))
    statement = models.TextField(_("task"))
    task_type = models.CharField(
        _("task type"), max_length=12, choices=TaskType.choices, blank=True
    )

    class Meta:
        ordering = ["occupation", "onet_task_id"]
        verbose_name = _("occupation task")
        verbose_name_plural = _("occupation tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "onet_task_id"], name="occupation_task_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.statement


class RelatednessTier(models.TextChoices):
    """O*NET's tiers: Primary-Short are the 5 closest, Primary-Long the next 5, Supplemental
    the 10 after them."""

    PRIMARY_SHORT = "primary-short", _("Closely related")
    PRIMARY_LONG = "primary-long", _("Related")
    SUPPLEMENTAL = "supplemental", _("More distantly related")


class RelatedOccupation(models.Model):
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.CASCADE,
        related_name="related_occupations",
        verbose_name=_("occupation"),
    )
    related = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="+", verbose_name=_("related occupation")
    )
    tier = models.CharField(_("relatedness tier"), max_length=16, choices=RelatednessTier.choices)
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("O*NET's order, 1 = most related.")
    )

    class Meta:
        ordering = ["occupation", "position"]
        verbose_name = _("related occupation")
        verbose_name_plural = _("related occupations")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "related"], name="related_occupation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.related_id}"


class OccupationWageQuerySet(models.QuerySet["OccupationWage"]):
    def major_groups(self) -> "OccupationWageQuerySet":
        """The rows of the SOC major groups (43-0000 …), which carry BLS's names for them;
        of each code the newest release first."""
        return self.filter(display_level=0).order_by("soc_code", "-pk")

    def newest_for(self, soc_code: str) -> "OccupationWage | None":
        """The newest release's figures for one SOC code, or None (no SOC code, no row)."""
        if not soc_code:
            return None
        return self.filter(soc_code=soc_code).order_by("-pk").first()


_OccupationWageManagerBase = models.Manager.from_queryset(OccupationWageQuerySet)


class OccupationWageManager(_OccupationWageManagerBase):
    pass


class OccupationWage(models.Model):
    """National employment and annual wages of one SOC code in one BLS OEWS release.
    A figure BLS does not publish (e.g. annual wages of jobs paid by the hour) is null,
    never 0."""

    release = models.CharField(_("release"), max_length=20, help_text=_("e.g. May 2025"))
    soc_code = models.CharField(_("SOC code"), max_length=7, validators=[SOC_CODE_VALIDATOR])
    title = models.CharField(_("BLS title"), max_length=200)
    display_level = models.PositiveSmallIntegerField(
        _("level"), help_text=_("0 major group, 1 minor, 2 broad, 3 detailed occupation.")
    )
    employment = models.PositiveIntegerField(_("employment"), null=True, blank=True)
    annual_p10 = models.PositiveIntegerField(_("annual 10th percentile"), null=True, blank=True)
    annual_p25 = models.PositiveIntegerField(_("annual 25th percentile"), null=True, blank=True)
    annual_median = models.PositiveIntegerField(_("annual median"), null=True, blank=True)
    annual_p75 = models.PositiveIntegerField(_("annual 75th percentile"), null=True, blank=True)
    annual_p90 = models.PositiveIntegerField(_("annual 90th percentile"), null=True, blank=True)

    objects = OccupationWageManager()

    class Meta:
        ordering = ["release", "soc_code"]
        verbose_name = _("occupation wage")
        verbose_name_plural = _("occupation wages")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "soc_code"], name="occupation_wage_one_per_release"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soc_code} ({self.release})"


class CatalogRevision(models.Model):
    """One row whose number goes up with every change to the catalog (see `careers.revision`).

    Pages and questionnaires built from the catalog are cached under the revision they were
    built from, so an edit in the admin shows at once on every app server, with no cache to
    clear and nothing to keep in step between processes.
    """

    number = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("catalog revision")

    def __str__(self) -> str:
        return str(self.number)
