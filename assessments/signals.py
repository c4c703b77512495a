from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from assessments.access import claim_offer_make
from assessments.models import Assessment, PublicLink
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
