from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from assessments.access import session_assessment_ids
from assessments.services import assessments_claim


@receiver(user_logged_in, dispatch_uid="accounts.claim_anonymous_assessments")
def claim_anonymous_assessments(sender, request, user, **kwargs) -> None:
    """Attempts made in this browser before signing up or logging in become the user's own."""
    if request is not None:
        assessments_claim(user=user, assessment_ids=session_assessment_ids(request))
