"""Writes for sharing and counselor notes."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from counselors.access import shared_with
from counselors.models import COUNSELORS_GROUP, CounselorProfile, Note, Share

SHARE_CODE_UNKNOWN = _("No counselor has that share code. Check it with your counselor.")
SHARE_WITH_SELF = _("That is your own share code.")


class SharingError(Exception):
    pass


def normalize_share_code(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


@transaction.atomic
def share_create(*, owner, share_code: str, assessment: Assessment, whole_role: bool) -> Share:
    """Shares one submitted result — or all of the owner's results for its role — with the
    counselor whose share code this is. Sharing the same thing twice keeps one share."""
    profile = (
        CounselorProfile.objects.select_related("user")
        .filter(share_code=normalize_share_code(share_code), user__is_active=True)
        .first()
    )
    if profile is None or not profile.user.groups.filter(name=COUNSELORS_GROUP).exists():
        raise SharingError(SHARE_CODE_UNKNOWN)
    if profile.user == owner:
        raise SharingError(SHARE_WITH_SELF)
    if assessment.owner_id != owner.pk or not assessment.is_submitted:
        raise SharingError(_("Only your own finished results can be shared."))
    scope = {"role": assessment.role} if whole_role else {"assessment": assessment}
    share, _created = Share.objects.active().get_or_create(
        owner=owner, counselor=profile.user, **scope
    )
    return share


def share_withdraw(*, owner, share_id: int) -> Share:
    share = Share.objects.active().get(pk=share_id, owner=owner)
    share.withdraw()
    return share


def note_create(*, counselor, client, text: str) -> Note:
    if not shared_with(counselor).filter(owner=client).exists():
        raise SharingError(_("This person has not shared anything with you."))
    return Note.objects.create(counselor=counselor, client=client, text=text.strip())


@transaction.atomic
def counselor_make(*, user, organisation: str = "") -> CounselorProfile:
    """Adds a user to the Counselors group with a share code. Never staff: counselors have
    no business in Django admin."""
    group, _created = Group.objects.get_or_create(name=COUNSELORS_GROUP)
    user.groups.add(group)
    profile, _created = CounselorProfile.objects.get_or_create(
        user=user, defaults={"organisation": organisation}
    )
    return profile


def counselor_profile_for(user) -> CounselorProfile:
    """The counselor's profile, created with a share code if an admin only added the user to
    the Counselors group."""
    profile, _created = CounselorProfile.objects.get_or_create(user=user)
    return profile
