"""Two limits on wrong passwords, where django-axes has one.

- One account from one address: `AXES_FAILURE_LIMIT` failures lock that pair. Keyed on the
  pair, so wrong passwords typed elsewhere never lock the owner out: nobody can aim a lockout
  at someone else's account.
- One address across accounts: `FAILED_LOGINS_PER_ADDRESS_LIMIT` failures lock the address
  (password spraying). Higher, because many job seekers share one address in a library or a
  job centre.

Both count failures within `AXES_COOLOFF_TIME` and last that long. The address is
`config.proxies.client_ip`: the proxy header counts only from a trusted proxy.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures as axes compares them with `AXES_FAILURE_LIMIT`: the account's from this
        address, or the whole limit once the address has used up its larger allowance."""
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        from_address = recent.filter(ip_address=request.axes_ip_address)
        if _failures(from_address) >= settings.FAILED_LOGINS_PER_ADDRESS_LIMIT:
            return settings.AXES_FAILURE_LIMIT
        return _failures(from_address.filter(username=get_client_username(request, credentials)))

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login forgives this account's failures from this address, never the
        address's failures on other accounts: logging into one's own account between guesses
        must not restart a spray's count."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count
