"""Consented sharing: a job seeker gives a counselor access to one result, or to every result
for a role, and can take it back. Nothing else of theirs is ever visible to a counselor.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from careers.models import Role
from common.names import display_name

COUNSELORS_GROUP = "Counselors"
SHARE_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud
SHARE_CODE_LENGTH = 8


def new_share_code() -> str:
    return "".join(secrets.choice(SHARE_CODE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


def normalize_share_code(code: str) -> str:
    """A code as people type or read it aloud ("ab3d-ef 7k") in the form it is stored."""
    return "".join(code.split()).upper().replace("-", "")


class CounselorProfileQuerySet(models.QuerySet):
    def with_share_code(self, code: str) -> "CounselorProfileQuerySet":
        """The profile behind a share code, while its user is an active counselor: a code
        of someone who left the Counselors group or was deactivated shares nothing. A code
        with characters no code has (a NUL byte from a link, say) matches nothing without
        asking the database, which PostgreSQL would refuse."""
        code = normalize_share_code(code)
        if not (code.isascii() and code.isalnum()):
            return self.none()
        return self.select_related("user").filter(
            share_code=code,
            user__is_active=True,
            user__groups__name=COUNSELORS_GROUP,
        )


class CounselorProfile(models.Model):
    """A counselor's share code: what a client types to share results with them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counselor_profile",
        verbose_name=_("counselor"),
    )
    share_code = models.CharField(
        _("share code"), max_length=16, unique=True, default=new_share_code
    )
    organisation = models.CharField(_("organization"), max_length=120, blank=True)
    # Moved by every change of what the counselor's dashboard shows (counselors.signals): the
    # dashboard is cached under it.
    dashboard_version = models.PositiveBigIntegerField(_("dashboard version"), default=0)

    objects = CounselorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("counselor profile")
        verbose_name_plural = _("counselor profiles")

    def __str__(self) -> str:
        return f"{display_name(self.user)} ({self.share_code})"


class ShareQuerySet(models.QuerySet):
    def active(self) -> "ShareQuerySet":
        return self.filter(withdrawn_at__isnull=True)

    def covering(self, assessment: Assessment) -> "ShareQuerySet":
        """The owner's shares that show `assessment`: of that result, or of its whole role."""
        return self.filter(owner_id=assessment.owner_id).filter(
            Q(assessment=assessment) | Q(role_id=assessment.role_id)
        )


class Share(models.Model):
    """Access for one counselor to one result, or to all of the owner's results for a role."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shares_given",
        verbose_name=_("job seeker"),
    )
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shares_received",
        verbose_name=_("counselor"),
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares",
        verbose_name=_("result"),
    )
    role = models.ForeignKey(
        Role,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("all results for role"),
    )
    created_at = models.DateTimeField(_("shared"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [
            models.CheckConstraint(
                condition=Q(assessment__isnull=False, role__isnull=True)
                | Q(assessment__isnull=True, role__isnull=False),
                name="share_is_one_result_or_one_role",
            ),
            # One active share per thing shared: two requests at once (a double click) made
            # duplicates, and every later re-share then failed on them.
            models.UniqueConstraint(
                fields=["owner", "counselor", "assessment"],
                condition=Q(withdrawn_at__isnull=True, assessment__isnull=False),
                name="one_active_share_per_result",
                violation_error_message=_("This result is already shared with this counselor."),
            ),
            models.UniqueConstraint(
                fields=["owner", "counselor", "role"],
                condition=Q(withdrawn_at__isnull=True, role__isnull=False),
                name="one_active_share_per_role",
                violation_error_message=_(
                    "All results for this role are already shared with this counselor."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} → {self.counselor}: {self.assessment or self.role}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def withdraw(self) -> None:
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["withdrawn_at"])


class Note(models.Model):
    """A counselor's private note about a client; only its author ever sees it."""

    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notes_written",
        verbose_name=_("counselor"),
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notes_about",
        verbose_name=_("client"),
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("counselor note")
        verbose_name_plural = _("counselor notes")

    def __str__(self) -> str:
        return f"{self.counselor} on {self.client}, {self.created_at:%Y-%m-%d}"
