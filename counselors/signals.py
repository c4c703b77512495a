"""What moves a counselor's `dashboard_version`, under which their dashboard is cached
(`counselors.views.dashboard`): every change of what it shows, in the writer's transaction, so
readers see the new version exactly when they can see the change.

The dashboard shows, per client who shares with the counselor: their name, their latest shared
result per role (readiness and verdict) and their plans' progress. So it moves with

- a share made, withdrawn or deleted (with its result, role or person);
- a result stored or deleted, or re-scored, for a client;
- any write to a client's plan (every service records a `PlanEvent`; the admin saves the
  plan) or a plan deleted;
- a client's new name;
- a client's finished attempt or skills profile saved or deleted (a counselor's view of a
  client's ranking is kept under the version too).

It also moves the sharing version of a share's owner (`assessments.owner_parts`: whom a
result page's owner shares with is cached under it) with each share, and of every client of a
counselor who takes a new name.

Role titles come from the catalog, whose revision is part of the dashboard's key, and what
is overdue follows the calendar, whose date is too.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from assessments.models import Assessment, Result
from assessments.owner_parts import sharing_changed
from assessments.signals import results_rescored
from counselors.dashboard import dashboards_change
from counselors.models import Share
from plans.models import Plan, PlanEvent
from plans.signals import NAME_FIELDS


def clients_dashboards_change(owner_ids: Iterable[Any] | QuerySet[Any]) -> None:
    """The dashboards of every counselor these people share something with."""
    shares = Share.objects.active().filter(owner_id__in=owner_ids)
    dashboards_change(shares.values_list("counselor_id", flat=True))


@receiver(post_save, sender=Share, dispatch_uid="counselors_share_saved")
@receiver(post_delete, sender=Share, dispatch_uid="counselors_share_deleted")
def share_changed(sender: type, instance: Share, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        dashboards_change([instance.counselor_id])
        # The owner's result pages list whom they share with (`counselors.sharing_panel`).
        sharing_changed([instance.owner_id])


@receiver(post_save, sender=Result, dispatch_uid="counselors_result_saved")
@receiver(post_delete, sender=Result, dispatch_uid="counselors_result_deleted")
def result_changed(sender: type, instance: Result, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        owner = Assessment.objects.filter(pk=instance.assessment_id).values("owner_id")
        clients_dashboards_change(owner)


@receiver(post_save, sender=Assessment, dispatch_uid="counselors_assessment_saved")
@receiver(post_delete, sender=Assessment, dispatch_uid="counselors_assessment_deleted")
def assessment_changed(sender: type, instance: Assessment, **kwargs: Any) -> None:
    """A client's finished attempt or skills profile saved (an admin's edit, a claim) or
    deleted: a counselor's view of a client's ranking is kept under the dashboard version
    (`counselors.views.ranking_detail`), and a profile has no result whose signal would move
    it. Unfinished attempts are not shown to counselors (their answers are saved with
    `QuerySet.update`, which sends nothing anyway)."""
    if kwargs.get("raw") or instance.owner_id is None:
        return
    if kwargs.get("signal") is post_save and not instance.is_submitted:
        return
    clients_dashboards_change([instance.owner_id])


@receiver(results_rescored, dispatch_uid="counselors_results_rescored")
def results_rescored_changed(sender: type, assessment_ids: list[Any], **kwargs: Any) -> None:
    clients_dashboards_change(Assessment.objects.filter(pk__in=assessment_ids).values("owner_id"))


@receiver(post_save, sender=PlanEvent, dispatch_uid="counselors_plan_event_saved")
def plan_event_saved(sender: type, instance: PlanEvent, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        clients_dashboards_change(Plan.objects.filter(pk=instance.plan_id).values("owner_id"))


@receiver(post_save, sender=Plan, dispatch_uid="counselors_plan_saved")
@receiver(post_delete, sender=Plan, dispatch_uid="counselors_plan_deleted")
def plan_changed(sender: type, instance: Plan, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        clients_dashboards_change([instance.owner_id])


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="counselors_user_saved")
def user_saved(
    sender: type, instance: Any, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    """A client's new name (a login only writes `last_login`)."""
    if created or kwargs.get("raw"):
        return
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return
    clients_dashboards_change([instance.pk])
    # A counselor's new name, on the result pages of everyone who shares with them.
    sharing_changed(
        Share.objects.active().filter(counselor=instance).values_list("owner_id", flat=True)
    )
