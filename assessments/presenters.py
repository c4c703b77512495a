"""What a result page shows of a stored result, for the person looking at it.

The owner's result page, a read-only link and a counselor's view of a shared result all render
the same report from the same stored document; only the wording and what the viewer may see
differ, and both are decided here (`ResultView`). Templates read the view's values and never
ask who is looking. Pages of other apps (the counselor's) use this presenter rather than a view
of this app.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypedDict
from uuid import UUID

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from assessments.access import ResultRef
from assessments.charts import paired_bar_chart
from assessments.document import (
    ExperienceGapJSON,
    PreviousAttempt,
    ResultDocument,
    VerdictReason,
    experience_gap_text,
    verdict_reason_text,
    without_comparison,
)
from assessments.models import Assessment, Result
from assessments.moves import Move
from assessments.next_steps import Route, for_industry, route
from assessments.questionnaire import extension_length
from assessments.ranking_matrix import moves_for_profile
from careers.models import Role
from careers.revision import current_revision, questionnaire_rungs
from common.page_cache import page_chunks, response_from_chunks


class ExtensionLink(TypedDict):
    """ "N skills not assessed yet — answer them (about M minutes)" for one rung."""

    count: int
    minutes: int
    url: str | None  # None until the questionnaire can assess just those skills


class Viewer(StrEnum):
    OWNER = "owner"  # also whoever holds the attempt in this browser, before signing up
    COUNSELOR = "counselor"
    PUBLIC = "public"  # someone with a read-only link


@dataclass(frozen=True)
class ResultView:
    """Who is looking, in the words and choices the page needs."""

    viewer: Viewer
    subject: str  # "you", the client's name, or "this person"; for the headings
    show_evidence: bool
    show_answer_quality: bool

    @property
    def second_person(self) -> bool:
        return self.viewer == Viewer.OWNER

    def heading(self, role: str) -> str:
        if self.second_person:
            return _("How ready you are for %(role)s") % {"role": role}
        return _("How ready %(person)s is for %(role)s") % {"person": self.subject, "role": role}

    def tab_title(self, role: str) -> str:
        if self.second_person:
            return _("Your result: %(role)s") % {"role": role}
        return _("Result of %(person)s: %(role)s") % {"person": self.subject, "role": role}

    def top_gaps_heading(self, count: int) -> str:
        """The heading of the first screen's top gaps, for the `count` it shows (up to 3)."""
        if not count:
            return _("Your gaps") if self.second_person else _("Gaps")
        if self.second_person:
            heading = ngettext(
                "Your top gap — and the first step for it",
                "Your top %(count)d gaps — and the first step for each",
                count,
            )
        else:
            heading = ngettext(
                "Top gap — and the first step for it",
                "Top %(count)d gaps — and the first step for each",
                count,
            )
        return heading % {"count": count}

    @property
    def strengths_heading(self) -> str:
        return _("What you do well") if self.second_person else _("Strengths")

    @property
    def level_label(self) -> str:
        return _("Your level") if self.second_person else _("Measured level")

    @property
    def ladder_heading(self) -> str:
        return (
            _("Where you stand on the ladder") if self.second_person else _("Place on the ladder")
        )

    @property
    def disagreement_heading(self) -> str:
        return (
            _("Where your answers disagree")
            if self.second_person
            else _("Where the answers disagree")
        )

    # The rest of the report's sentences that speak about the test taker. Each names them as
    # "you" for the owner and by `subject` for everyone else.

    @property
    def _person(self) -> str | None:
        return None if self.second_person else self.subject

    def reason(self, reason: VerdictReason) -> str:
        return verdict_reason_text(reason, person=self._person)

    def experience_gap(self, gap: ExperienceGapJSON) -> str:
        return experience_gap_text(gap, person=self._person)

    def previous_change(self, previous: PreviousAttempt) -> str:
        values = {
            "change": signed(previous["readiness_change"]),
            "previous": f"{previous['readiness_percent']:.0f}",
        }
        if self.second_person:
            return _("%(change)s points since your previous attempt (%(previous)s%%)") % values
        return _("%(change)s points since the previous attempt (%(previous)s%%)") % values

    @property
    def aiming_low(self) -> str:
        if self.second_person:
            return _("You may be aiming low.")
        return capfirst(_("%(person)s may be aiming low.") % {"person": self.subject})

    def years_above_typical(self, years: int, high: int) -> str:
        values = {"years": years, "high": high, "person": self.subject}
        if self.second_person:
            return _("You have %(years)s years; this role usually asks for at most %(high)s.") % (
                values
            )
        return capfirst(
            _("%(person)s has %(years)s years; this role usually asks for at most %(high)s.")
            % values
        )

    @property
    def answer_quality_limit(self) -> str:
        if self.second_person:
            return _("answers that cannot be trusted — ask someone who has seen you work")
        return _("answers that cannot be trusted — ask someone who has seen %(person)s work") % {
            "person": self.subject
        }

    def ready_now(self, rung: str) -> SafeString:
        if self.second_person:
            text = _("On skills, you are ready now for %(rung)s.")
        else:
            text = _("On skills, %(person)s is ready now for %(rung)s.")
        return _with_rung(text, self.subject, rung)

    def closest_rung(self, rung: str) -> SafeString:
        if self.second_person:
            text = _("You are not yet ready for any rung of this ladder; the closest is %(rung)s:")
        else:
            text = _(
                "%(person)s is not yet ready for any rung of this ladder; the closest is %(rung)s:"
            )
        return _with_rung(text, self.subject, rung)

    def stated_years(self, experience: int, leading: int | None) -> str:
        years = ngettext(
            "%(years)d year in customer-facing work",
            "%(years)d years in customer-facing work",
            experience,
        ) % {"years": experience}
        if leading is not None:
            years = _("%(experience)s and %(leading)s") % {
                "experience": years,
                "leading": ngettext(
                    "%(years)d year leading people", "%(years)d years leading people", leading
                )
                % {"years": leading},
            }
        if self.second_person:
            return _("You told us %(years)s.") % {"years": years}
        return _("Stated experience: %(years)s.") % {"years": years}

    @property
    def skills_met_experience_short(self) -> str:
        if self.second_person:
            return _(
                "Your skills are there, but your experience is shorter than this rung usually "
                "asks for."
            )
        return _(
            "The skills are there, but the experience stated is shorter than this rung usually "
            "asks for."
        )

    @property
    def more_experience_badge(self) -> str:
        return _("more than you have") if self.second_person else _("more than stated")

    def next_rung_gap(self, required: int, measured: int | None) -> str:
        values = {"required": required, "measured": measured}
        if self.second_person:
            return _("level %(required)s (you: %(measured)s)") % values
        return _("level %(required)s (measured: %(measured)s)") % values

    @property
    def next_rung_more_experience(self) -> str:
        if self.second_person:
            return _("It also usually asks for more experience than you have told us about.")
        return _("It also usually asks for more experience than was stated.")

    @property
    def moves_heading(self) -> str:
        if self.second_person:
            return _("Roles you could move to")
        return _("Roles %(person)s could move to") % {"person": self.subject}

    @property
    def moves_intro(self) -> str:
        if self.second_person:
            return _(
                "Across every track and occupation, the roles your measured skills fit best, "
                "besides this one."
            )
        return _(
            "Across every track and occupation, the roles these measured skills fit best, "
            "besides this one."
        )

    @property
    def cache_key(self) -> str:
        return f"{self.viewer}:{int(self.show_evidence)}:{int(self.show_answer_quality)}"


def _with_rung(text: str, person: str, rung: str) -> SafeString:
    """A translated sentence with the person and the rung's name (in bold) put in, escaped."""
    sentence = text % {
        "person": conditional_escape(person),
        "rung": format_html("<strong>{}</strong>", rung),
    }
    return mark_safe(capfirst(sentence))  # the translation is ours, the values are escaped


def signed(number: float | int | None) -> str:
    """+2, −1, 0: a change shown with its direction."""
    if number is None:
        return ""
    if number > 0:
        return f"+{number:g}"
    if number < 0:
        return f"−{abs(number):g}"
    return "0"


def owner_view() -> ResultView:
    # The page's key names it on every view, drawn or kept: made once per language.
    return _owner_view(get_language())


@functools.cache
def _owner_view(language: str | None) -> ResultView:
    return ResultView(Viewer.OWNER, _("you"), show_evidence=True, show_answer_quality=True)


def counselor_view(client_name: str) -> ResultView:
    # A counselor reviews the answers with the client: both kinds of notes help.
    return ResultView(Viewer.COUNSELOR, client_name, show_evidence=True, show_answer_quality=True)


def public_view(*, show_evidence: bool, show_answer_quality: bool) -> ResultView:
    return ResultView(
        Viewer.PUBLIC,
        _("this person"),
        show_evidence=show_evidence,
        show_answer_quality=show_answer_quality,
    )


def verdict_reason(document: ResultDocument, view: ResultView) -> str:
    """The verdict's reason in one sentence, from the numbers the document keeps."""
    percent = document["readiness_percent"]
    if document["verdict"] == "not_assessed" or percent is None:
        return _("Some skills the role counts on were not assessed, so there is no verdict yet.")
    gaps = len(document["gaps"])
    values = {"percent": f"{percent:.0f}", "gaps": gaps}
    meets = (
        _("You meet %(percent)s%% of what the role asks")
        if view.second_person
        else _("Meets %(percent)s%% of what the role asks")
    ) % values
    if document["verdict"] == "ready":
        return _("%(meets)s, with no important skill far short.") % {"meets": meets}
    below = (
        ngettext("%(gaps)d skill is below its level", "%(gaps)d skills are below their level", gaps)
        % values
    )
    return _("%(meets)s; %(below)s.") % {"meets": meets, "below": below}


def ladder_summary(document: ResultDocument, view: ResultView) -> SafeString:
    """Where the person stands on the ladder, what is next and the years they gave: the
    sentences above the ladder's table."""
    ladder = document["ladder"]
    rungs = {rung["slug"]: rung for rung in ladder["rungs"]}
    parts: list[str] = []
    if ladder["highest_ready"] in rungs:
        parts.append(view.ready_now(rungs[ladder["highest_ready"]]["title"]))
    elif (closest := ladder.get("closest")) in rungs:
        rung = rungs[closest]
        reason = rung.get("reason")
        parts.append(view.closest_rung(rung["title"]))
        if reason:
            parts.append(conditional_escape(view.reason(reason)))
    else:
        parts.append(
            conditional_escape(
                _(
                    "No rung of this ladder has a verdict yet: answer the skills not assessed to "
                    "get one."
                )
            )
        )
    if ladder["next"] in rungs:
        parts.append(
            _with_rung(_("Next rung: %(rung)s."), view.subject, rungs[ladder["next"]]["title"])
        )
    years = document["assessment"]["years_experience"]
    if years is not None:
        parts.append(
            conditional_escape(view.stated_years(years, document["assessment"]["years_leading"]))
        )
    return mark_safe(" ".join(parts))  # every part is escaped or built escaped


class ResultPage(TypedDict):
    assessment: Assessment
    result: ResultDocument
    view: ResultView
    page_heading: str
    page_title: str
    verdict_reason: str
    previous_change: str
    ladder_summary: SafeString
    next_steps: Route
    top_gaps_heading: str
    chart: Callable[[], SafeString]
    extensions: Callable[[], dict[str, ExtensionLink]]
    moves: Callable[[], list[Move]]
    catalog_revision: Callable[[], int]


def result_context(
    assessment: Assessment,
    stored: Result,
    *,
    view: ResultView | None = None,
    shown_ids: Iterable[UUID | str] | None = None,
) -> ResultPage:
    """What the result template needs, for `view` (the owner's when not given). With
    `shown_ids` (a viewer who is not the owner), comparisons with an attempt outside that set
    are dropped, so a share of one result never reveals the score of another.

    The pages cache what this builds whole (`result_page_key`), so it is called only when
    that cache misses; the chart, the roles to move to (ranked at `catalog_revision`, read
    with the result when it was fetched `with_catalog_revision()`, else once) and the
    extension links are built only when the template asks."""
    view = view or owner_view()
    document: ResultDocument = stored.document
    previous = document.get("previous")
    if shown_ids is not None and previous and previous["assessment"] not in map(str, shown_ids):
        document = without_comparison(document)
    # The person's industry leaves out the resources of other industries, for every viewer:
    # it is their choice, and what a counselor sees should match what they see.
    industry = assessment.industry
    if industry:
        document = {
            **document,
            "recommendations": for_industry(document["recommendations"], industry),
        }
    skills = document["skills"]
    role = document["assessment"]["role"]["title"]
    # Read with the result where its query asked for it (`with_catalog_revision`).
    known = getattr(stored, "catalog_revision", None)
    revision = functools.cache(lambda: current_revision() if known is None else known)
    measured = {s["skill"]: s["measured_level"] for s in skills if s["measured_level"]}
    role_slug = document["assessment"]["role"]["slug"]
    next_steps = route(document["recommendations"])
    return {
        "assessment": assessment,
        "result": document,
        "extensions": functools.cache(lambda: extension_links(assessment, document)),
        "view": view,
        "page_heading": view.heading(role),
        "page_title": view.tab_title(role),
        "verdict_reason": verdict_reason(document, view),
        "previous_change": view.previous_change(shown)
        if (shown := document.get("previous"))
        else "",
        "ladder_summary": ladder_summary(document, view),
        "next_steps": next_steps,
        "top_gaps_heading": view.top_gaps_heading(len(next_steps.top)),
        "chart": functools.cache(lambda: paired_bar_chart(skills)),
        "moves": functools.cache(
            lambda: moves_for_profile(measured, role_slug, revision=revision())
        ),
        "catalog_revision": revision,
    }


def stored_result(ref: ResultRef) -> Result:
    """The result `ref` names, without the scoring inputs (never shown), with the catalog
    revision read beside it."""
    assert ref.result_id is not None, "an unfinished assessment has no result to show"
    stored = Result.objects.defer("inputs").get(pk=ref.result_id)
    stored.catalog_revision = ref.catalog_revision  # type: ignore[attr-defined]
    return stored


def result_page_key(
    ref: ResultRef,
    *,
    view: ResultView,
    comparison: bool,
    detail: str = "",
) -> str:
    """The key of a whole result page in the page cache (`common.page_cache.render_cached`,
    which adds the language and the navigation state). A stored result never changes, so the
    page changes only with what the key names: the result (a new attempt or a re-scoring is
    another result), who is looking and what they may see, whether the comparison with the
    previous attempt is shown, the industry chosen, the careers page it came from, and the
    catalog's revision (the roles to move to and the time an extension takes are read from
    the catalog). `detail` is the caller's: whether the owner is looking, the client's name
    and the attempts shared with the counselor (which decide whether a counselor sees the
    comparison), a link's expiry..."""
    # The detail may hold a name, with characters some caches refuse in keys.
    digest = hashlib.blake2b(detail.encode(), digest_size=8).hexdigest()
    return ":".join(
        map(
            str,
            [
                "result",
                ref.result_id,
                view.cache_key,
                int(comparison),
                ref.assessment.industry or "-",
                ref.assessment.profile_id or "-",
                ref.catalog_revision,
                digest,
            ],
        )
    )


def page_slot(kind: str, pk: object, visitor_id: int | None) -> str:
    """Where the latest copy of a result page this visitor saw is kept (`kept_page`): a key
    known before anything is read, so it is read in the same round trip as the page's access
    (`access.reachable_result_or_404(also=...)`). One per page, visitor (a signed-in
    account by its id, or any anonymous browser: None) and language."""
    visitor = "anonymous" if visitor_id is None else f"u{visitor_id}"
    return f"result-page:{kind}:{pk}:{visitor}:{get_language()}"


def kept_page(
    request: HttpRequest,
    *,
    slot: str,
    key: str,
    found: Mapping[str, Any],
    build: Callable[[], str],
) -> HttpResponse:
    """The page whose full key is `key` (naming everything it shows, as `render_cached`'s
    keys do, with the language and the navigation state), served from `slot` when that holds
    it, else built (`build`: its HTML with the CSRF placeholder) and kept there. The copy is
    kept encoded and cut at the placeholder, so serving it is one join with the request's
    token. `found` is what the caller already read of the cache (the slot, or nothing)."""
    kept = found[slot] if slot in found else cache.get(slot)
    if kept is None or kept[0] != key:
        kept = (key, page_chunks(build()))
        cache.set(slot, kept, DEFAULT_TIMEOUT)
    return response_from_chunks(request, kept[1])


def extension_links(assessment: Assessment, document: ResultDocument) -> dict[str, ExtensionLink]:
    """Per rung slug, the skills it still needs answered, how long the extension takes
    (`extension_minutes`, the figure its page shows too) and where to answer them. Read only
    when the cached report is drawn again, in three queries whatever the ladder: the rungs'
    questionnaire rows come from the questionnaire's own cache."""
    wanted = {
        rung["slug"]: rung["not_assessed_skills"]
        for rung in document["ladder"]["rungs"]
        if rung.get("not_assessed_skills")
    }
    aiming_low = document.get("flags", {}).get("aiming_low")
    for rung in aiming_low["rungs_above"] if aiming_low else ():
        wanted.setdefault(rung["slug"], [])
    if not wanted:
        return {}
    roles = dict(
        Role.objects.filter(track__roles=assessment.role_id, slug__in=wanted).values_list(
            "slug", "pk"
        )
    )
    revision = current_revision()
    answered = answered_skill_ids(assessment)
    return {
        rung: {
            "count": len(slugs),
            "minutes": extension_minutes(roles[rung], revision, answered) if rung in roles else 0,
            "url": extension_url(assessment, rung),
        }
        for rung, slugs in wanted.items()
    }


def answered_skill_ids(assessment: Assessment) -> set[int]:
    """The skills `assessment` has a rating for: what an extension carries over."""
    ratings = assessment.ratings.filter(level__isnull=False)
    return set(ratings.values_list("skill_id", flat=True))


def extension_minutes(role_id: int, revision: int, answered: set[int]) -> int:
    """Minutes to extend an assessment whose answered skills are `answered` to the role:
    the result's link and the extension page both say this."""
    return extension_length(*questionnaire_rungs(role_id, revision), answered).minutes


def extension_url(assessment: Assessment, role_slug: str) -> str | None:
    """Where to assess a role's remaining skills, once the questionnaire offers it."""
    try:
        return reverse("assessments:extend", args=[assessment.pk, role_slug])
    except NoReverseMatch:
        return None
