"""The O*NET 29.0 and BLS May 2025 data shipped in data/ holds what data/README.md promises.

Read once per module (a few seconds): every test here checks the files, not the database."""

import gzip
from collections import Counter
from decimal import Decimal

import pytest

from careers.models import SHORT_ANCHOR_MAX_WORDS
from careers.occupations.sources import (
    SHIPPED_ONET,
    SHIPPED_WAGES,
    read_onet_facts,
    read_wages,
)
from careers.onet.release import read_release, read_table

CSR = "43-4051.00"
RATED_OCCUPATIONS = 879
ONET_SKILLS = 35
# Detailed BLS occupations that O*NET splits into several codes (e.g. 13-1020 Buyers and
# Purchasing Agents → 13-1021, 13-1022, 13-1023): load_occupations reports them.
WAGES_WITHOUT_OCCUPATION = {
    "13-1020",
    "13-2020",
    "21-1018",
    "25-2052",
    "25-9045",
    "29-2010",
    "31-1120",
    "39-7010",
    "47-4090",
    "51-2028",
    "51-2090",
    "53-1047",
}


@pytest.fixture(scope="module")
def release():
    return read_release(SHIPPED_ONET)


@pytest.fixture(scope="module")
def facts():
    return read_onet_facts(SHIPPED_ONET)


@pytest.fixture(scope="module")
def wages():
    return {row.soc_code: row for row in read_wages(SHIPPED_WAGES)}


@pytest.fixture(scope="module")
def skill_rows():
    columns = [
        "O*NET-SOC Code",
        "Element ID",
        "Element Name",
        "Scale ID",
        "Data Value",
        "N",
        "Date",
    ]
    return list(read_table(SHIPPED_ONET, "Skills.txt", columns))


def test_the_release_is_29_0_with_every_occupation(release, facts):
    assert release.version == facts.version == "29.0"
    assert len(facts.occupations) == 1016
    assert len(release.occupations) + len(release.without_ratings) == 1016
    assert len(release.skills) == ONET_SKILLS


def test_879_occupations_are_rated_on_35_skills_on_both_scales(skill_rows):
    assert len(skill_rows) == RATED_OCCUPATIONS * ONET_SKILLS * 2 == 61530
    per_occupation = Counter(row[0] for row in skill_rows)
    assert len(per_occupation) == RATED_OCCUPATIONS
    assert set(per_occupation.values()) == {ONET_SKILLS * 2}
    pairs = {(row[0], row[1], row[3]) for row in skill_rows}
    assert len(pairs) == len(skill_rows)


def test_customer_service_representatives_rate_active_listening_4_and_4(skill_rows, release):
    rows = {row[3]: row for row in skill_rows if row[0] == CSR and row[2] == "Active Listening"}
    assert rows["IM"][4] == rows["LV"][4] == "4.00"
    assert rows["IM"][5] == rows["LV"][5] == "8"
    assert rows["IM"][6] == rows["LV"][6] == "08/2022"
    occupation = next(o for o in release.occupations if o.code == CSR)
    listening = next(r for r in occupation.ratings if r.element_id == "2.A.1.b")
    # Our scale (docs/CATALOG_IMPORT.md): level round(4 × 5/7) = 3, importance 4.
    assert (listening.required_level, listening.importance) == (3, 4)
    assert Decimal(rows["LV"][4]) == 4


def test_every_skill_name_matches_the_content_model(skill_rows):
    names = dict(
        read_table(SHIPPED_ONET, "Content Model Reference.txt", ["Element ID", "Element Name"])
    )
    assert {(row[1], row[2]) for row in skill_rows} <= set(names.items())


def test_every_occupation_with_ratings_has_all_35_skills(release):
    for occupation in release.occupations:
        rated = {r.element_id for r in occupation.ratings} | {
            i.element_id for i in occupation.left_out
        }
        assert len(rated) == ONET_SKILLS, occupation.code


def test_every_related_occupation_exists_and_has_a_tier(facts):
    codes = {occupation.code for occupation in facts.occupations}
    related = [r for occupation in facts.occupations for r in occupation.related]
    assert len(related) == 18460
    assert {r.code for r in related} <= codes
    assert Counter(r.tier for r in related) == {
        "primary-short": 4615,
        "primary-long": 4615,
        "supplemental": 9230,
    }


def test_job_zones_titles_and_tasks_are_all_there(facts):
    assert [zone.number for zone in facts.job_zones] == [1, 2, 3, 4, 5]
    csr = next(o for o in facts.occupations if o.code == CSR)
    assert csr.job_zone == 2
    assert "Call Center Representative" in dict(csr.alternate_titles)
    assert sum(len(o.tasks) for o in facts.occupations) == 18796
    assert sum(len(o.alternate_titles) for o in facts.occupations) == 55118  # 2 listed twice


def test_bls_national_figures_of_customer_service_representatives(wages):
    csr = wages["43-4051"]
    assert csr.title == "Customer Service Representatives"
    assert (csr.employment, csr.annual_median) == (2_595_750, 44_770)
    assert (csr.annual_p10, csr.annual_p25, csr.annual_p75, csr.annual_p90) == (
        31_750,
        36_870,
        51_780,
        63_590,
    )
    assert len(wages) == 1104


def test_a_wage_bls_does_not_publish_is_unknown_never_zero(wages):
    actors = wages["27-2011"]  # paid by the hour: BLS publishes no annual wages
    assert actors.employment == 55_000
    assert actors.annual_median is None and actors.annual_p90 is None
    figures = ["annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"]
    assert not any(getattr(row, name) == 0 for row in wages.values() for name in figures)


def test_every_detailed_wage_row_maps_to_an_occupation_or_is_a_known_split(facts, wages):
    soc_codes = {occupation.code[:7] for occupation in facts.occupations}
    unmatched = {code for code, row in wages.items() if row.display_level == 3} - soc_codes
    assert unmatched == WAGES_WITHOUT_OCCUPATION


def test_the_shipped_files_are_gzip_without_timestamps():
    # A rebuild gives the same bytes (data/README.md lists their checksums).
    for path in SHIPPED_ONET.glob("*.gz"):
        with path.open("rb") as raw:
            header = raw.read(10)
        assert header[4:8] == b"\0\0\0\0", path.name
        assert gzip.decompress(path.read_bytes())


def test_every_shipped_skill_has_five_short_anchors_that_tell_its_levels_apart(release):
    for skill in release.skills.values():
        assert len(set(skill.short_anchors)) == 5, skill.name
        assert all(
            0 < len(short.split()) <= SHORT_ANCHOR_MAX_WORDS for short in skill.short_anchors
        ), skill.short_anchors
