"""What a result page shows of a stored result, for the person looking at it.

The owner's result page, a read-only link and a counselor's view of a shared result all render
the same report from the same stored document; only what the viewer may see differs. Pages of
other apps (the counselor's) use this presenter rather than a view of this app.
"""

import functools
from collections.abc import Callable, Iterable
from typing import TypedDict
from uuid import UUID

from django.utils.safestring import SafeString

from assessments.charts import radar_chart
from assessments.document import ResultDocument, without_comparison
from assessments.models import Assessment, Result


class ResultPage(TypedDict):
    assessment: Assessment
    result: ResultDocument
    chart: Callable[[], SafeString]
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
        "result_cache_key": f"{stored.pk}:{int(document.get('previous') is not None)}",
    }
