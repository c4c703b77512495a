"""What a result page shows of a stored result, for the person looking at it.

The owner's result page, a read-only link and a counselor's view of a shared result all render
the same report from the same stored document; only what the viewer may see differs. Pages of
other apps (the counselor's) use this presenter rather than a view of this app.
"""

import functools
from collections.abc import Callable, Iterable
from typing import TypedDict
from uuid import UUID

from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString

from assessments.charts import radar_chart
from assessments.document import ResultDocument, without_comparison
from assessments.models import Assessment, Result
from assessments.questionnaire import questionnaire_length
from careers.models import Skill


class ExtensionLink(TypedDict):
    """ "N skills not assessed yet — answer them (about M minutes)" for one rung."""

    count: int
    minutes: int
    url: str | None  # None until the questionnaire can assess just those skills


class ResultPage(TypedDict):
    assessment: Assessment
    result: ResultDocument
    chart: Callable[[], SafeString]
    extensions: Callable[[], dict[str, ExtensionLink]]
    result_cache_key: str


def result_context(
    assessment: Assessment, stored: Result, *, shown_ids: Iterable[UUID | str] | None = None
) -> ResultPage:
    """What the result template needs. With `shown_ids` (a viewer who is not the owner),
    comparisons with an attempt outside that set are dropped, so a share of one result
    never reveals the score of another.

    A stored result never changes, so the template caches the rendered report under
    `result_cache_key`, which names the result and whether the comparison is shown; the
    chart is drawn only when that cache misses."""
    document: ResultDocument = stored.document
    previous = document.get("previous")
    if shown_ids is not None and previous and previous["assessment"] not in map(str, shown_ids):
        document = without_comparison(document)
    skills = document["skills"]
    return {
        "assessment": assessment,
        "result": document,
        "chart": functools.cache(lambda: radar_chart(skills)),
        "extensions": functools.cache(lambda: extension_links(assessment, document)),
        "result_cache_key": f"{stored.pk}:{int(document.get('previous') is not None)}",
    }


def extension_links(assessment: Assessment, document: ResultDocument) -> dict[str, ExtensionLink]:
    """Per rung slug, the skills it still needs answered, how long they take and where to
    answer them. Read in four queries whatever the ladder, and only when the cached report is
    drawn again."""
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
    skills = {
        skill.slug: skill
        for skill in Skill.objects.filter(
            slug__in={slug for slugs in wanted.values() for slug in slugs}
        ).prefetch_related("anchors", "scenario_items__options")
    }
    return {
        rung: {
            "count": len(slugs),
            "minutes": questionnaire_length([skills[s] for s in slugs if s in skills]).minutes,
            "url": extension_url(assessment, rung),
        }
        for rung, slugs in wanted.items()
    }


def extension_url(assessment: Assessment, role_slug: str) -> str | None:
    """Where to assess a role's remaining skills, once the questionnaire offers it."""
    try:
        return reverse("assessments:extend", args=[assessment.pk, role_slug])
    except NoReverseMatch:
        return None
