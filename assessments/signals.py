from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver

from assessments.access import claim_offer_make
from assessments.access_cache import ASSESSMENT_FIELDS, results_changed
from assessments.models import Assessment, PublicLink, Result
from assessments.owner_parts import sharing_changed


@receiver(user_logged_in, dispatch_uid="assessments.offer_this_browsers_attempts")
def offer_this_browsers_attempts(sender, request, user, **kwargs) -> None:
    """Attempts made in this browser before signing up or logging in are offered to the
    account (assessments:claim adds them when the person says yes)."""
    if request is not None:
        claim_offer_make(request)


# Sent by `assessment_start` with `assessment`, once the new attempt is saved: apps above this
# one (plans fills in the evidence of done plan steps) act on a new attempt without this app
# knowing them.
assessment_started = Signal()

# Sent by `results_rescore` with `assessment_ids`, in each batch's transaction: results stored
# in bulk send no post_save, and apps above this one keep what they show of results up to date
# (counselors: the dashboard).
results_rescored = Signal()


@receiver(post_save, sender=PublicLink, dispatch_uid="assessments_public_link_saved")
@receiver(post_delete, sender=PublicLink, dispatch_uid="assessments_public_link_deleted")
def public_link_changed(sender: type, instance: PublicLink, **kwargs: Any) -> None:
    """A link made, revoked (by its owner or an admin) or deleted: the owner's result page
    lists it (`owner_parts`)."""
    if not kwargs.get("raw"):
        sharing_changed(
            Assessment.objects.filter(pk=instance.assessment_id).values_list("owner_id", flat=True)
        )
        # Its expiry is among the facts a result page's access is kept under.
        results_changed([instance.assessment_id])


# The facts that decide who may open a result and which copy of its page they get are kept in
# the shared cache (`access_cache`): every save and delete of an assessment or a result moves
# them, the admin's too. Bulk writes send no signal and call `results_changed` themselves
# (`results_rescore`, through `results_rescored` below).
# `update_fields` may name a foreign key by its field or its column ("owner", "owner_id").
FACT_FIELDS = {*ASSESSMENT_FIELDS, *(field.removesuffix("_id") for field in ASSESSMENT_FIELDS)}


@receiver(post_save, sender=Assessment, dispatch_uid="assessments_assessment_saved")
@receiver(post_delete, sender=Assessment, dispatch_uid="assessments_assessment_deleted")
def assessment_changed(sender: type, instance: Assessment, **kwargs: Any) -> None:
    if kwargs.get("raw") or kwargs.get("created"):
        return  # a new attempt has nothing kept yet (a miss is never kept)
    saved = kwargs.get("update_fields")
    # A finished assessment's last save is a fact (a skills profile's ranking is kept under
    # it); an unfinished one's is not (`access_cache`).
    touched = saved is not None and instance.is_submitted and "updated_at" in saved
    if saved is not None and not FACT_FIELDS & set(saved) and not touched:
        return  # progress, years: no fact of its access
    results_changed([instance.pk])


@receiver(pre_delete, sender=Assessment, dispatch_uid="assessments_profile_deleting")
def profile_deleting(sender: type, instance: Assessment, **kwargs: Any) -> None:
    """A deleted skills profile leaves its gap reports without it (SET_NULL, an update that
    sends no signal), and their pages link back to it."""
    results_changed(Assessment.objects.filter(profile=instance.pk).values_list("pk", flat=True))


@receiver(post_save, sender=Result, dispatch_uid="assessments_result_saved")
@receiver(post_delete, sender=Result, dispatch_uid="assessments_result_deleted")
def result_changed(sender: type, instance: Result, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        results_changed([instance.assessment_id])


@receiver(results_rescored, dispatch_uid="assessments_results_rescored")
def results_rescored_changed(sender: type, assessment_ids: list[Any], **kwargs: Any) -> None:
    results_changed(assessment_ids)
