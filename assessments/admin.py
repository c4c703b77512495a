"""Assessments are the job seeker's own record: admins may look, never edit."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, PublicLink, ScenarioAnswer, SkillRating


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SkillRatingInline(ReadOnlyMixin, admin.TabularInline):
    model = SkillRating
    fields = ("skill", "level", "evidence_note", "evidence_url", "updated_at")
    readonly_fields = fields
    extra = 0


class ScenarioAnswerInline(ReadOnlyMixin, admin.TabularInline):
    model = ScenarioAnswer
    fields = ("item", "option", "updated_at")
    readonly_fields = fields
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "role", "owner", "status", "started_at", "submitted_at", "rating_count"]
    list_filter = ["status", "role__track", "role"]
    search_fields = ["id", "owner__username", "owner__email", "role__title"]
    list_select_related = ["role", "owner"]
    date_hierarchy = "started_at"
    exclude = ["resume_token"]
    inlines = [SkillRatingInline, ScenarioAnswerInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(rating_count=Count("ratings", filter=Q(ratings__level__isnull=False)))
        )

    @admin.display(description=_("skills rated"), ordering="rating_count")
    def rating_count(self, assessment):
        return assessment.rating_count


@admin.register(PublicLink)
class PublicLinkAdmin(admin.ModelAdmin):
    list_display = ["assessment", "created_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["assessment__role"]
    raw_id_fields = ["assessment"]
    exclude = ["token"]
