"""What `import_onet` reports (`careers.onet.report`): its counts, and a line per change."""

from careers.models import Requirement
from careers.onet.report import changed_lines, removed_line
from tests.careers.onet.sample import CSR, SAMPLE, SUPERVISOR, copy_release, import_onet


def test_ratings_marked_not_relevant_or_suppressed_are_left_out(db):
    out = import_onet(SAMPLE, CSR, SUPERVISOR, verbosity=2)

    assert not Requirement.objects.filter(skill__name="Operations Analysis").exists()
    assert "Left out: 1 rating(s) O*NET marks not relevant, 1 with a suppressed estimate." in out
    assert (
        "43-4051.00 Customer Service Representatives: Operations Analysis left out (not relevant)"
        in out
    )
    assert "Operations Analysis left out (suppressed estimate)" in out


def test_a_re_import_reports_a_new_title_and_description(db, tmp_path):
    import_onet(SAMPLE, CSR)
    newer = copy_release(tmp_path)
    path = newer / "Occupation Data.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Customer Service Representatives", "Customer Service Agents")
    text = text.replace("take orders and resolve", "take orders, resolve")
    path.write_text(text, encoding="utf-8")

    out = import_onet(newer, CSR)

    assert (
        "43-4051.00 Customer Service Agents: title “Customer Service Representatives” → "
        "“Customer Service Agents”" in out
    )
    assert "43-4051.00 Customer Service Agents: description updated" in out
    assert "tasks updated" not in out


def test_only_the_values_that_changed_get_a_line():
    assert list(changed_lines("43-4051.00 CSR", "Writing", (3, 4), (3, 5))) == [
        "43-4051.00 CSR: Writing importance 4 → 5"
    ]
    assert list(changed_lines("43-4051.00 CSR", "Writing", (3, 4), (2, 3))) == [
        "43-4051.00 CSR: Writing level 3 → 2",
        "43-4051.00 CSR: Writing importance 4 → 3",
    ]


def test_a_rating_the_release_no_longer_has_is_reported_as_no_longer_rated():
    assert removed_line("43-4051.00 CSR", "Writing", None) == (
        "43-4051.00 CSR: Writing removed (no longer rated)"
    )
