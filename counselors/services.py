"""Writes for sharing and counselor notes."""

import logging
from smtplib import SMTPException

from django.contrib.auth.models import Group
from django.core.mail import BadHeaderError, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from common.names import display_name
from counselors.access import shared_with
from counselors.models import COUNSELORS_GROUP, CounselorProfile, Note, Share

SHARE_CODE_UNKNOWN = _("No counselor has that share code. Check it with your counselor.")
SHARE_WITH_SELF = _("That is your own share code.")
ALREADY_SHARED = _("Already shared with %(name)s; nothing changed.")


logger = logging.getLogger(__name__)


class SharingError(Exception):
    pass


class AlreadyShared(SharingError):
    """The same thing is already shared with this counselor: the one active share stands."""

    def __init__(self, share: Share):
        super().__init__(ALREADY_SHARED % {"name": display_name(share.counselor)})
        self.share = share


@transaction.atomic
def share_create(
    *, owner, share_code: str, assessment: Assessment, whole_role: bool, client_url: str = ""
) -> Share:
    """Shares one submitted result — or all of the owner's results for its role — with the
    counselor whose share code this is. Sharing the same thing again raises AlreadyShared
    and keeps the one active share — also when two requests race (the database's partial
    unique constraints decide; the loser sees the winner's share).

    A new share is announced to the counselor by email, with `client_url` (the client's page
    in their workspace), once the share is committed."""
    profile = CounselorProfile.objects.with_share_code(share_code).first()
    if profile is None:
        raise SharingError(SHARE_CODE_UNKNOWN)
    if profile.user == owner:
        raise SharingError(SHARE_WITH_SELF)
    if assessment.owner_id != owner.pk or not assessment.is_submitted:
        raise SharingError(_("Only your own finished results can be shared."))
    scope = {"role": assessment.role} if whole_role else {"assessment": assessment}
    same = Share.objects.active().filter(owner=owner, counselor=profile.user, **scope)
    if existing := same.select_related("counselor").first():
        raise AlreadyShared(existing)
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a lost race
            share = Share.objects.create(owner=owner, counselor=profile.user, **scope)
    except IntegrityError:
        existing = same.select_related("counselor").first()
        if existing is None:  # not the uniqueness of active shares: a real error
            raise
        raise AlreadyShared(existing) from None
    if profile.user.email:
        transaction.on_commit(lambda: _share_announce(share, client_url))
    return share


def _share_announce(share: Share, client_url: str) -> None:
    """The email says who shared what, never a score: mail is not the place for results."""
    role = share.role
    if role is None:
        assert share.assessment is not None  # share_is_one_result_or_one_role: one of the two
        role = share.assessment.role
    context = {
        "client": display_name(share.owner),
        "role": role.title,
        "whole_role": share.role_id is not None,
        "client_url": client_url,
    }
    # One line whatever the name holds: a line break in a header is refused by the mail
    # library (BadHeaderError), or worse, read as another header.
    subject = " ".join(render_to_string("counselors/share_email_subject.txt", context).split())
    body = render_to_string("counselors/share_email.txt", context)
    try:
        send_mail(subject, body, None, [share.counselor.email])
    except (SMTPException, OSError, BadHeaderError):
        # The share stands; the counselor still finds it on the dashboard.
        logger.exception(
            "Could not email counselor %s about share %s", share.counselor_id, share.pk
        )


@transaction.atomic
def share_withdraw(*, owner, share_id: int) -> Share:
    """Withdraws a share. When it was the last active share with that counselor, the
    counselor's private notes about the owner are deleted too: they were written on the
    strength of what was shared, the owner can neither read nor delete them, and a later
    share must not bring them back."""
    share = Share.objects.active().select_for_update().get(pk=share_id, owner=owner)
    share.withdraw()
    if not Share.objects.active().filter(owner=owner, counselor_id=share.counselor_id).exists():
        Note.objects.filter(counselor_id=share.counselor_id, client=owner).delete()
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
