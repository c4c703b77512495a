"""A job seeker's own plan towards a target role: dated steps, their progress, a counselor's
comments and suggestions, and the history of every change.

A plan copies what it needs from the result it was made from (the skills with their levels,
each step's resource): editing the catalog, or re-scoring the result, never changes a plan.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from careers.levels import MAX_LEVEL
from careers.models import Role
from plans.schedule import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

LINK_NOT_HTTP = _("Enter a web address starting with http:// or https://.")
validate_http_link = URLValidator(schemes=["http", "https"], message=LINK_NOT_HTTP)
HOURS_PER_WEEK_RANGE = _("Hours a week must be between %(min)s and %(max)s.") % {
    "min": MIN_HOURS_PER_WEEK,
    "max": MAX_HOURS_PER_WEEK,
}


class PlanQuerySet(models.QuerySet):
    def with_progress(self) -> "PlanQuerySet":
        """Adds steps_total, steps_done, hours_total and hours_done, in the same query."""
        finished = Q(steps__status__in=PlanStep.FINISHED)
        return self.annotate(
            steps_total=Count("steps"),
            steps_done=Count("steps", filter=finished),
            hours_total=Sum("steps__effort_hours", default=0),
            hours_done=Sum("steps__effort_hours", filter=finished, default=0),
        )

    def with_overdue(self, today: date) -> "PlanQuerySet":
        """Adds steps_overdue: open steps whose target date is before `today`."""
        overdue = Q(steps__target_date__lt=today) & ~Q(steps__status__in=PlanStep.FINISHED)
        return self.annotate(steps_overdue=Count("steps", filter=overdue))


class Plan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="plans",
        verbose_name=_("owner"),
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="plans", verbose_name=_("target role")
    )
    source = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="plans",
        verbose_name=_("made from result"),
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"),
        validators=[
            MinValueValidator(MIN_HOURS_PER_WEEK, HOURS_PER_WEEK_RANGE),
            MaxValueValidator(MAX_HOURS_PER_WEEK, HOURS_PER_WEEK_RANGE),
        ],
    )
    start_date = models.DateField(_("start date"))
    # [{skill, name, required_level, measured_level}] from the source result, in its order.
    skills = models.JSONField(_("skills at the start"), default=list, blank=True)
    # {skill: measured level} from the latest re-assessment for the same role.
    skills_after = models.JSONField(
        _("skills at the latest re-assessment"), default=dict, blank=True
    )
    reassessed_from = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest re-assessment"),
    )
    reassessed_at = models.DateTimeField(_("re-assessed"), null=True, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans_cosigned",
        verbose_name=_("agreed by"),
    )
    cosigned_at = models.DateTimeField(_("agreed on"), null=True, blank=True)
    # Set by every change to the plan's content (not by reminder settings), so a change after
    # the counselor agreed shows.
    content_changed_at = models.DateTimeField(_("content last changed"))
    weekly_digest = models.BooleanField(_("weekly e-mail digest"), default=False)
    reassess_reminder = models.BooleanField(_("'time to re-assess' e-mail"), default=False)
    reassess_after_weeks = models.PositiveSmallIntegerField(
        _("re-assess after (weeks)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["source"],
                name="plan_one_per_result",
                violation_error_message=_("This result already has a plan."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=MIN_HOURS_PER_WEEK)
                & Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="plan_hours_per_week_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} → {self.role}"

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def changed_since_agreement(self) -> bool:
        return self.cosigned_at is not None and self.content_changed_at > self.cosigned_at

    def skill_names(self) -> dict[str, str]:
        return {row["skill"]: row["name"] for row in self.skills}


class PlanStep(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("Doing")
        DONE = "done", _("Done")
        ACHIEVED = "achieved", _("Achieved")

    FINISHED = (Status.DONE, Status.ACHIEVED)

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="steps", verbose_name=_("plan")
    )
    order = models.PositiveIntegerField(_("order"))
    skill = models.CharField(_("skill"), max_length=100, blank=True, help_text=_("Its slug."))
    from_level = models.PositiveSmallIntegerField(
        _("from level"), null=True, blank=True, validators=[MaxValueValidator(MAX_LEVEL)]
    )
    to_level = models.PositiveSmallIntegerField(
        _("to level"), null=True, blank=True, validators=[MaxValueValidator(MAX_LEVEL)]
    )
    title = models.CharField(_("what to do"), max_length=200)
    # Copied from the catalog resource when the step came from one: a plan never changes
    # when the catalog does.
    resource_kind = models.CharField(_("kind of resource"), max_length=40, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[validate_http_link])
    effort_hours = models.PositiveSmallIntegerField(
        _("effort (hours)"), default=0, validators=[MaxValueValidator(2000)]
    )
    cost = models.PositiveIntegerField(_("cost (USD)"), default=0)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.TODO)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    achieved_at = models.DateTimeField(_("achieved"), null=True, blank=True)
    evidence_note = models.CharField(_("evidence note"), max_length=500, blank=True)
    evidence_url = models.URLField(
        _("evidence link"), max_length=500, blank=True, validators=[validate_http_link]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class PlanComment(models.Model):
    """A counselor's comment on a plan or one of its steps, or a step they suggest adding,
    which the owner accepts (it becomes a step) or declines."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        SUGGESTION = "suggestion", _("Suggested step")

    class Status(models.TextChoices):
        NONE = "", _("—")
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan")
    )
    step = models.ForeignKey(
        PlanStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("step"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="plan_comments",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.COMMENT)
    text = models.TextField(_("text"), max_length=2000)
    # A suggestion's step: what it would add.
    suggested_title = models.CharField(_("suggested step"), max_length=200, blank=True)
    suggested_skill = models.CharField(_("for skill"), max_length=100, blank=True)
    suggested_effort_hours = models.PositiveSmallIntegerField(
        _("effort (hours)"), default=0, validators=[MaxValueValidator(2000)]
    )
    suggested_url = models.URLField(
        _("link"), max_length=500, blank=True, validators=[validate_http_link]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "created_at", "pk"]
        verbose_name = _("plan comment")
        verbose_name_plural = _("plan comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="comment", status="") | Q(kind="suggestion") & ~Q(status=""),
                name="plan_comment_status_only_for_suggestions",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.plan}: {self.text[:40]}"

    @property
    def is_open_suggestion(self) -> bool:
        return self.kind == self.Kind.SUGGESTION and self.status == self.Status.OPEN


class PlanEvent(models.Model):
    """One change to a plan: who, when, what. Every write to a plan records one."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="events", verbose_name=_("plan")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("what"), max_length=40)
    summary = models.CharField(_("summary"), max_length=500)
    # {field: [before, after]} for edits; whatever else names the change for others.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["plan", "-at", "-pk"]
        verbose_name = _("plan event")
        verbose_name_plural = _("plan history")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"


class ReminderSent(models.Model):
    """What `send_reminders` sent: one row per plan, kind and period, so a second run in the
    same period finds it and sends nothing."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Weekly digest")
        REASSESS = "reassess", _("Time to re-assess")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="reminders_sent", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    period = models.CharField(_("period"), max_length=20, help_text=_("e.g. 2025-W07"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "period"], name="reminder_once_per_plan_kind_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.kind} {self.period}"
