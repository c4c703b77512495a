"""A person's assessment against one role, and the answers they give in it.

Answers are rows of their own, one per skill and one per scenario item, written with
update-or-create: two tabs saving different pages never overwrite each other's answers.
"""

import hashlib
import json
import secrets
import uuid
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.document import CatalogInputs, ResultDocument
from careers.levels import MAX_LEVEL, MIN_LEVEL, PROFICIENCY_CHOICES
from careers.models import CatalogRevision, Industry, Role, ScenarioItem, ScenarioOption, Skill
from careers.revision import REVISION_ID

MAX_YEARS = 50


def new_resume_token() -> str:
    return secrets.token_urlsafe(32)


class AssessmentQuerySet(models.QuerySet):
    def in_progress(self) -> "AssessmentQuerySet":
        return self.filter(status=Assessment.Status.IN_PROGRESS)

    def submitted(self) -> "AssessmentQuerySet":
        return self.filter(status=Assessment.Status.SUBMITTED)

    def with_latest_score(self) -> "AssessmentQuerySet":
        """Adds `readiness_percent` and `verdict` from each one's latest result, in one query."""
        latest = Result.objects.filter(assessment=OuterRef("pk")).order_by("-scoring_version")
        return self.annotate(
            readiness_percent=Subquery(latest.values("readiness_percent")[:1]),
            verdict=Subquery(latest.values("verdict")[:1]),
        )

    def with_latest_result_id(self) -> "AssessmentQuerySet":
        """Adds `latest_result_id` (None while unfinished) and the catalog's current revision
        (`catalog_revision`), in the same query: a result page asks its cache with these before
        it reads the stored document, which it reads only when the cache misses."""
        latest = Result.objects.filter(assessment=OuterRef("pk")).order_by("-scoring_version")
        revision = CatalogRevision.objects.filter(pk=REVISION_ID).values("number")[:1]
        return self.annotate(
            latest_result_id=Subquery(latest.values("pk")[:1]),
            catalog_revision=Subquery(revision),
        )

    def visible_to(
        self, *, user, session_ids: Sequence[str], resume_tokens: Sequence[str] = ()
    ) -> "AssessmentQuerySet":
        """The assessments this browser started, the signed-in user's own, and those whose
        current resume token this browser holds."""
        visible = Q(pk__in=session_ids)
        if resume_tokens:
            visible |= Q(resume_token__in=resume_tokens)
        if user.is_authenticated:
            visible |= Q(owner=user)
        return self.filter(visible)

    def resumable(self, token: str) -> "AssessmentQuerySet":
        """The unfinished assessment this resume token opens, unless its link has expired:
        it lasts `RESUME_LINK_MAX_AGE` after the last save."""
        return self.in_progress().filter(
            resume_token=token,
            updated_at__gte=timezone.now() - settings.RESUME_LINK_MAX_AGE,
        )


class Assessment(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("target role")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("owner"),
    )
    resume_token = models.CharField(
        _("resume token"), max_length=64, unique=True, default=new_resume_token, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    years_experience = models.PositiveSmallIntegerField(
        _("years in customer-facing work"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_YEARS)],
    )
    years_leading = models.PositiveSmallIntegerField(
        _("years leading people"), null=True, blank=True, validators=[MaxValueValidator(MAX_YEARS)]
    )
    industry = models.CharField(
        _("industry"),
        max_length=20,
        choices=Industry.choices,
        blank=True,
        help_text=_(
            "The industry the person chose on the result: resources specific to another "
            "industry are left out of its next steps. Empty: every resource, marked."
        ),
    )
    profile = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gap_reports",
        verbose_name=_("from skills profile"),
        help_text=_(
            "The “Which careers fit me?” answers this attempt was filled in from, to show the "
            "gap report of one role of the ranking."
        ),
    )
    last_step = models.PositiveSmallIntegerField(
        _("last page visited"), default=1, help_text=_("Where a resumed assessment reopens.")
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="in_progress", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="assessment_submitted_iff_submitted_at",
            ),
            models.CheckConstraint(
                condition=Q(years_experience__lte=MAX_YEARS) & Q(years_leading__lte=MAX_YEARS),
                name="assessment_years_at_most_50",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.started_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        if self.is_submitted:
            if self.role.is_skills_profile:  # its result is every role ranked
                return reverse("assessments:explore_ranking", args=[self.pk])
            return reverse("assessments:result", args=[self.pk])
        return reverse("assessments:step", args=[self.pk, self.last_step])

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def get_resume_url(self) -> str:
        return reverse("assessments:resume", args=[self.resume_token])

    def retire_resume_token(self) -> None:
        """Replaces the token, so the link given out so far opens nothing, and browsers that
        came in through it lose their access. Saved by the caller."""
        self.resume_token = new_resume_token()


class SkillRating(models.Model):
    """A self-rating against a skill's anchors, with optional evidence for a counselor.

    The level may be empty when the person has written evidence but not chosen a level yet.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("assessment")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(
        _("self-rated level"),
        null=True,
        blank=True,
        choices=PROFICIENCY_CHOICES,
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
    )
    evidence_note = models.CharField(_("evidence note"), max_length=500, blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["assessment", "skill"]
        verbose_name = _("skill rating")
        verbose_name_plural = _("skill ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "skill"], name="rating_one_per_assessment_and_skill"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="rating_level_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.level or '—'}"


class ScenarioAnswer(models.Model):
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="scenario_answers",
        verbose_name=_("assessment"),
    )
    item = models.ForeignKey(
        ScenarioItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("scenario")
    )
    option = models.ForeignKey(
        ScenarioOption, on_delete=models.PROTECT, related_name="+", verbose_name=_("answer")
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["assessment", "item"]
        verbose_name = _("scenario answer")
        verbose_name_plural = _("scenario answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="scenario_answer_one_per_assessment_and_item"
            ),
        ]

    def __str__(self) -> str:
        return str(self.option)


class ScoringCatalogManager(models.Manager["ScoringCatalog"]):
    def for_content(self, content: CatalogInputs) -> "ScoringCatalog":
        """The row holding `content`, created the first time this catalog state is scored."""
        catalog, _ = self.get_or_create(
            digest=content_digest(content), defaults={"content": content}
        )
        return catalog


def content_digest(content: Mapping[str, object]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class ScoringCatalog(models.Model):
    """The catalog part of the scoring inputs — the requirements of every rung of a ladder and
    the resources for the target role — stored once for each distinct state of the catalog.

    Every attempt at a role between two catalog edits was scored against the same ≈ 100 KB of
    catalog; kept inline, that copy was most of the database. Rows are never changed, so
    a result pointing at one stays frozen, as it always was.
    """

    digest = models.CharField(_("SHA-256 of the content"), max_length=64, unique=True)
    content = models.JSONField(_("catalog snapshot"))
    created_at = models.DateTimeField(_("first used"), auto_now_add=True)

    objects = ScoringCatalogManager()

    class Meta:
        verbose_name = _("scoring catalog")
        verbose_name_plural = _("scoring catalogs")

    def __str__(self) -> str:
        return f"{self.digest[:12]} ({self.created_at:%Y-%m-%d})"


class ResultQuerySet(models.QuerySet["Result"]):
    def with_catalog_revision(self: "ResultQuerySet") -> "ResultQuerySet":
        """Each result with the catalog's current revision (`catalog_revision`), read in the
        same query: the result page caches what depends on the catalog (the roles to move to)
        under it, and this spares the page a query of its own on every visit."""
        revision = CatalogRevision.objects.filter(pk=REVISION_ID).values("number")[:1]
        return self.annotate(catalog_revision=Subquery(revision))

    # `self` named: for a queryset used with as_manager(), mypy's Django plugin would leave
    # its model unbound, and bulk_create would not take Result instances.
    def bulk_insert(self: "ResultQuerySet", results: list["Result"], batch_size: int = 50) -> None:
        """`bulk_create` for results, fast on PostgreSQL too.

        There Django sends many rows as arrays (`INSERT … SELECT * FROM UNNEST(…)`), and
        psycopg's client-side binding escapes large JSON inside an array in pure Python, four
        times slower than the whole insert on SQLite. Passed as JSON expressions, the values
        make Django write plain `VALUES` rows instead. The instances keep their plain values.
        """
        plain = [(result.inputs, result.document) for result in results]
        for result in results:
            result.inputs = Value(result.inputs, output_field=models.JSONField())
            result.document = Value(result.document, output_field=models.JSONField())
        try:
            self.bulk_create(results, batch_size=batch_size)
        finally:
            for result, (inputs, document) in zip(results, plain, strict=True):
                result.inputs, result.document = inputs, document


class Result(models.Model):
    """A finished assessment's score, frozen at submission.

    It was computed from `catalog` (the requirements of every rung, the resources; shared with
    every result scored against the same catalog) and `inputs` (this attempt's answers and
    experience); `document` holds every number the result page and its JSON show. Admin edits
    to the catalog never reach a stored result; a change of scoring rules adds a new version
    and keeps the old one.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="results", verbose_name=_("assessment")
    )
    scoring_version = models.PositiveSmallIntegerField(_("scoring version"))
    catalog = models.ForeignKey(
        ScoringCatalog,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("catalog snapshot"),
    )
    inputs = models.JSONField(_("answers scored"))
    document = models.JSONField(_("result"))
    # Copied from the document, so lists of results never read the JSON.
    readiness_percent = models.FloatField(_("readiness %"))
    verdict = models.CharField(_("verdict"), max_length=16)
    created_at = models.DateTimeField(_("scored"), auto_now_add=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "-scoring_version"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "scoring_version"], name="result_one_per_scoring_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} v{self.scoring_version}"

    @classmethod
    def scored(cls, *, document: ResultDocument, **fields: object) -> "Result":
        """A new, unsaved result for `document`, with its headline figures copied out."""
        return cls(
            document=document,
            # No readiness (nothing the role needs was assessed) is listed as 0 beside the
            # verdict "not assessed yet"; the document keeps the null.
            readiness_percent=document["readiness_percent"] or 0.0,
            verdict=document["verdict"],
            **fields,
        )


class PublicLinkQuerySet(models.QuerySet):
    def usable(self) -> "PublicLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PublicLink(models.Model):
    """A read-only link to one result for someone without an account (an employer, a mentor).

    It shows the result and nothing about the person's account; it expires and can be revoked.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="public_links", verbose_name=_("result")
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_resume_token, editable=False
    )
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # What the owner chose to show besides the numbers; both private unless they say so.
    show_evidence = models.BooleanField(_("show evidence notes"), default=False)
    show_answer_quality = models.BooleanField(_("show where the answers disagree"), default=False)

    objects = PublicLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("read-only link")
        verbose_name_plural = _("read-only links")

    def __str__(self) -> str:
        return f"{self.assessment} until {self.expires_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:public_result", args=[self.token])

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class SharingVersion(models.Model):
    """Moved by every change of what a person's result pages show them alone about sharing —
    their read-only links, whom they share with and those counselors' names
    (`assessments.owner_parts.sharing_changed`, in the writer's transaction) — so that part of
    the page is cached under it and a withdrawal or a revoked link shows at once on every
    server.

    The version is a new random value on each move, not a counter: moving it is one upsert
    that reads nothing, and no two moves ever give the same value. No database constraint
    ties it to its person: a row left over after an account is deleted names nobody, and
    deleting one must never fail on it."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    version = models.UUIDField(_("version"), default=uuid.uuid4)

    class Meta:
        verbose_name = _("sharing version")
        verbose_name_plural = _("sharing versions")

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.version}"
