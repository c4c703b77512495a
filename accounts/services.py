from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.db import transaction


@transaction.atomic
def account_delete(*, user) -> None:
    """Deletes the user and everything that is theirs: assessments with their answers and
    results, shares, read-only links, notes about them, and login records under their name."""
    username = user.get_username()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
    user.delete()


def account_unlock(*, user) -> None:
    """Ends every lockout of the account, from every address."""
    axes_reset(username=user.get_username())
