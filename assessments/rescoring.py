"""Re-scoring stored results when the scoring rules change.

Every result keeps the inputs it was scored from, so new rules can be applied to any number of
old assessments without touching the catalog. Results are read in batches in submission order
(so an attempt's previous attempt is always re-scored first, and its new numbers are what the
comparison uses), written as a new scoring version next to the old one, one transaction per
batch: memory stays bounded, and an interrupted run resumes where it stopped.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from assessments.document import ResultDocument, meta_of, result_document
from assessments.models import Result, ScoringCatalog
from assessments.scoring import SCORING_VERSION
from assessments.signals import results_rescored
from assessments.snapshot import stored_inputs


@dataclass(frozen=True)
class RescoreReport:
    rescored: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.rescored / self.seconds if self.seconds else 0.0


def results_rescore(
    *,
    to_version: int = SCORING_VERSION,
    from_version: int | None = None,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
) -> RescoreReport:
    from_version = to_version - 1 if from_version is None else from_version
    if from_version >= to_version:
        raise ValueError("The new scoring version must be higher than the one it replaces.")
    started = time.perf_counter()
    pending = (
        Result.objects.filter(scoring_version=from_version)
        .exclude(assessment__results__scoring_version=to_version)
        .select_related("assessment")
        .only("catalog_id", "inputs", "document", "assessment__submitted_at")
        .order_by("assessment__submitted_at", "assessment_id")
    )
    done, batch = 0, []
    catalogs: dict[int, object] = {}  # a few distinct catalog states, each read once
    for result in pending.iterator(chunk_size=batch_size):
        batch.append(result)
        if len(batch) == batch_size:
            done += _rescore_batch(batch, to_version, catalogs)
            batch = []
            if progress:
                progress(done)
    if batch:
        done += _rescore_batch(batch, to_version, catalogs)
        if progress:
            progress(done)
    return RescoreReport(rescored=done, seconds=time.perf_counter() - started)


@transaction.atomic
def _rescore_batch(batch: list[Result], to_version: int, catalogs: dict[int, object]) -> int:
    missing = {result.catalog_id for result in batch} - catalogs.keys()
    catalogs.update(
        ScoringCatalog.objects.filter(pk__in=missing).values_list("pk", "content").iterator()
    )
    previous_ids = {
        r.document["previous"]["assessment"] for r in batch if r.document.get("previous")
    }
    rescored_previous: dict[str, ResultDocument] = {
        str(assessment_id): document
        for assessment_id, document in Result.objects.filter(
            assessment_id__in=previous_ids, scoring_version=to_version
        ).values_list("assessment_id", "document")
    }
    new_results = []
    for old in batch:
        previous_ref = old.document.get("previous")
        previous = rescored_previous.get(previous_ref["assessment"]) if previous_ref else None
        meta = meta_of(old.document)
        document = result_document(
            stored_inputs(old, catalogs[old.catalog_id]),
            assessment=meta,
            previous=previous,
            scoring_version=to_version,
        )
        new_results.append(
            Result.scored(
                assessment_id=old.assessment_id,
                scoring_version=to_version,
                catalog_id=old.catalog_id,
                inputs=old.inputs,
                document=document,
            )
        )
        rescored_previous[meta["id"]] = document  # a later attempt in this batch may need it
    Result.objects.bulk_insert(new_results)
    results_rescored.send(Result, assessment_ids=[result.assessment_id for result in new_results])
    return len(new_results)
