"""`load_occupations` loads the shipped O*NET and BLS data, idempotently, and the catalog
stays consistent and its home page small."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from careers.models import (
    AlternateTitle,
    JobZone,
    Occupation,
    OccupationTask,
    OccupationWage,
    ProficiencyAnchor,
    RelatedOccupation,
    Requirement,
    Role,
    Skill,
)
from careers.revision import current_revision
from tests.careers.occupations.slice import ACTORS, CSR, RETAIL, SUPERVISOR, shipped_slice

SHIPPED_TABLES = [Role, Requirement, Skill, ProficiencyAnchor, JobZone, Occupation]
FACT_TABLES = [AlternateTitle, OccupationTask, RelatedOccupation, OccupationWage]


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_occupations", *args, stdout=out)
    return out.getvalue()


def load_slice(tmp_path) -> str:
    folder, wages = shipped_slice(tmp_path)
    return load("--onet", str(folder), "--wages", str(wages))


def snapshot() -> dict[str, list[tuple]]:
    return {
        model.__name__: sorted(model.objects.values_list())
        for model in SHIPPED_TABLES + FACT_TABLES
    }


def test_the_whole_shipped_data_loads_once_and_a_second_run_changes_nothing(catalog):
    started = time.perf_counter()
    out = load()
    first_seconds = time.perf_counter() - started

    assert "roles 879 created" in out
    assert Role.objects.exclude(onet_soc_code="").count() == 879
    assert Occupation.objects.count() == 1016
    assert RelatedOccupation.objects.count() == 18460
    assert OccupationWage.objects.count() == 1104
    assert Occupation.objects.get(code=CSR).job_zone_id == 2
    csr = Role.objects.get(onet_soc_code=CSR)
    assert csr.soc_code == "43-4051"
    wage = OccupationWage.objects.get(soc_code=csr.soc_code)
    assert (wage.release, wage.employment, wage.annual_median) == ("May 2025", 2_595_750, 44_770)
    assert "12 detailed occupation(s) match no O*NET occupation" in out
    # The catalog's own ladder keeps its SOC codes (fixtures/catalog.json).
    assert Role.objects.get(slug="customer-service-team-lead").soc_code == "43-1011"

    before, revision = snapshot(), current_revision()
    assert "Occupations are up to date" in load()
    assert snapshot() == before
    assert current_revision() == revision
    call_command("check_catalog", stdout=StringIO())  # raises when the catalog has problems
    assert first_seconds < 60  # 30 s on an idle 2-core machine; tests share it


def test_a_slice_loads_facts_and_roles(db, tmp_path):
    out = load_slice(tmp_path)

    assert "roles 4 created" in out
    assert Occupation.objects.count() == 4
    csr = Occupation.objects.get(code=CSR)
    assert csr.tasks.filter(task_type="core").exists()
    assert csr.alternate_titles.filter(title="Call Center Representative").exists()
    related = {(r.related.code, r.tier) for r in csr.related_occupations.select_related("related")}
    assert related and {code for code, _ in related} <= {SUPERVISOR, RETAIL, ACTORS}
    # Besides the skills profile of "Which careers fit me?", which is no job and has no code.
    assert Role.objects.filter(is_skills_profile=True).count() == 1
    assert set(Role.objects.jobs().values_list("soc_code", flat=True)) == {
        "43-4051",
        "43-1011",
        "41-2031",
        "27-2011",
    }


def test_a_wage_bls_does_not_publish_is_stored_as_unknown_not_zero(db, tmp_path):
    load_slice(tmp_path)
    actors = OccupationWage.objects.get(soc_code=ACTORS[:7])
    assert actors.employment == 55_000
    assert actors.annual_median is None
    assert actors.annual_p10 is None


def test_a_second_load_of_a_slice_writes_nothing(db, tmp_path):
    folder, wages = shipped_slice(tmp_path)
    load("--onet", str(folder), "--wages", str(wages))
    before, revision = snapshot(), current_revision()

    assert "Occupations are up to date" in load("--onet", str(folder), "--wages", str(wages))
    assert snapshot() == before
    assert current_revision() == revision


def test_a_changed_wage_table_updates_and_removes_rows_in_place(db, tmp_path):
    folder, wages = shipped_slice(tmp_path)
    load("--onet", str(folder), "--wages", str(wages))
    row = OccupationWage.objects.get(soc_code="43-4051")
    lines = wages.read_text().splitlines()
    lines = [
        line.replace("\t44770\t", "\t45000\t") for line in lines if not line.startswith("41-2031")
    ]
    wages.write_text("\n".join(lines) + "\n")

    out = load("--onet", str(folder), "--wages", str(wages))

    assert "OccupationWage: 0 created, 1 updated, 1 removed." in out
    assert OccupationWage.objects.get(pk=row.pk).annual_median == 45_000
    assert not OccupationWage.objects.filter(soc_code="41-2031").exists()


def test_the_setting_skips_the_load(db, settings, tmp_path):
    settings.SHIP_OCCUPATIONS = False
    assert "Skipped" in load()
    assert not Occupation.objects.exists()


def test_a_missing_file_is_a_clear_error_and_writes_nothing(db, tmp_path):
    folder, wages = shipped_slice(tmp_path)
    (folder / "Job Zones.txt.gz").unlink()
    with pytest.raises(CommandError, match=r"Job Zones\.txt is missing"):
        load("--onet", str(folder), "--wages", str(wages))
    assert not Role.objects.exists()
    assert not Occupation.objects.exists()


def test_home_links_the_imported_occupations_instead_of_listing_them(
    client, catalog, tmp_path, django_assert_max_num_queries
):
    load_slice(tmp_path)
    with django_assert_max_num_queries(3):
        content = client.get(reverse("careers:home")).content.decode()
    assert "Customer Service Team Lead" in content  # the catalog's own ladder, in full
    assert "All 4 occupations" in content
    assert "Retail Salespersons" not in content
    onet_track = Role.objects.get(onet_soc_code=RETAIL).track
    assert onet_track.get_absolute_url() in content
