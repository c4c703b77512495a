"""The requirement matrix read from the catalog: every role with requirements, with its Job
Zone and national median pay, built once per catalog revision."""

from io import StringIO

from django.core.management import call_command

from assessments.ranking import rank
from assessments.ranking_matrix import requirement_matrix
from careers.revision import current_revision
from tests.careers.occupations.slice import ACTORS, CSR, shipped_slice


def test_the_matrix_holds_every_rated_occupation_with_job_zone_and_pay(db, tmp_path):
    folder, wages = shipped_slice(tmp_path)
    call_command(
        "load_occupations", "--onet", str(folder), "--wages", str(wages), stdout=StringIO()
    )

    matrix = {row.onet_code: row for row in requirement_matrix(current_revision())}

    assert set(matrix) >= {CSR, ACTORS}
    csr = matrix[CSR]
    assert (csr.job_zone, csr.median_pay, csr.soc_code) == (2, 44_770, "43-4051")
    assert all(r.required_level > 0 for r in csr.requirements)
    assert matrix[ACTORS].median_pay is None  # not published, never 0
    profile = {r.skill_slug: 5 for r in csr.requirements}
    ranked = rank(list(matrix.values()), profile, current_median_pay=csr.median_pay)
    assert ranked[0].match_percent == 100.0
    assert not next(r for r in ranked if r.role.onet_code == ACTORS).desirable


def test_the_matrix_is_read_once_per_catalog_revision(
    db, django_assert_num_queries, django_assert_max_num_queries
):
    requirement_matrix.cache_clear()
    revision = current_revision()
    with django_assert_max_num_queries(4):
        requirement_matrix(revision)
    with django_assert_num_queries(0):
        requirement_matrix(revision)
