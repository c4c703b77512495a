from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from plans.cached import plans_touch
from plans.models import Plan, PlanComment, PlanEvent, PlanStep, ReminderSent


class PlanStepInline(admin.TabularInline):
    model = PlanStep
    extra = 0
    fields = ["order", "title", "skill", "effort_hours", "target_date", "status", "done_at"]


class PlanEventInline(admin.TabularInline):
    model = PlanEvent
    extra = 0
    can_delete = False
    fields = ["at", "actor", "kind", "summary"]
    readonly_fields = ["at", "actor", "kind", "summary"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["owner", "role", "hours_per_week", "start_date", "cosigned_at", "created_at"]
    list_filter = ["role", "weekly_digest", "reassess_reminder"]
    search_fields = ["owner__username", "owner__email", "role__title"]
    raw_id_fields = ["owner", "source", "reassessed_from", "cosigned_by"]
    list_select_related = ["owner", "role"]
    inlines = [PlanStepInline, PlanEventInline]


@admin.register(PlanComment)
class PlanCommentAdmin(admin.ModelAdmin):
    list_display = ["plan", "author", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["plan", "step", "author"]

    # A comment edited here moves its plan's `updated_at`, as every service's write does:
    # the plan's cached pages are keyed by it (plans.cached).
    def save_model(self, request: HttpRequest, obj: PlanComment, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _touch([obj.plan_id])

    def delete_model(self, request: HttpRequest, obj: PlanComment) -> None:
        super().delete_model(request, obj)
        _touch([obj.plan_id])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[PlanComment]) -> None:
        plan_ids = list(queryset.values_list("plan_id", flat=True))
        super().delete_queryset(request, queryset)
        _touch(plan_ids)


def _touch(plan_ids: list[Any]) -> None:
    plans_touch(Plan.objects.filter(pk__in=plan_ids))


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["plan", "kind", "period", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["plan"]
