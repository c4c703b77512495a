"""Reading a release (`careers.onet.release`): a broken file is named with its line, and
nothing is written."""

import pytest
from django.core.management import CommandError

from careers.models import Role, Skill, Track
from careers.onet.mapping import NOT_RELEVANT, SUPPRESSED, LeftOut
from careers.onet.release import read_release
from tests.careers.onet.sample import (
    CSR,
    RETAIL,
    SAMPLE,
    SUPERVISOR,
    copy_release,
    import_onet,
    set_rating,
)


def test_a_release_reads_into_occupations_on_our_scales():
    release = read_release(SAMPLE)

    assert release.version == "30.0"
    assert [o.code for o in release.occupations] == [RETAIL, SUPERVISOR, CSR]
    assert release.without_ratings == ("43-9199.00",)
    assert release.rating_count == 3 * 8 - 2
    csr = release.occupations[2]
    assert csr.left_out == (LeftOut("2.B.3.a", "Operations Analysis", NOT_RELEVANT),)
    assert release.occupations[1].left_out[0].reason == SUPPRESSED
    assert csr.responsibilities.startswith("Answer questions about orders")
    retail = release.occupations[0]
    assert retail.responsibilities == retail.description  # no task statements
    assert len(release.skills) == 8
    assert all(len(skill.anchors) == 5 for skill in release.skills.values())


def test_only_the_chosen_occupations_are_read():
    release = read_release(SAMPLE, codes=[CSR])
    assert [o.code for o in release.occupations] == [CSR]
    assert "2.B.3.a" not in release.skills  # its one rating is left out


def test_an_unknown_occupation_code_is_a_clear_error_and_writes_nothing(db):
    with pytest.raises(CommandError, match=r"Unknown O\*NET-SOC code\(s\).*: 99-9999\.00\."):
        import_onet(SAMPLE, CSR, "99-9999.00")
    assert not Role.objects.exists()
    assert not Skill.objects.exists()


def test_an_occupation_without_ratings_is_a_clear_error(db):
    with pytest.raises(CommandError, match=r"no skill ratings for 43-9199\.00"):
        import_onet(SAMPLE, "43-9199.00")
    assert not Track.objects.exists()


def test_a_missing_column_names_the_file_and_writes_nothing(db, tmp_path):
    folder = copy_release(tmp_path)
    path = folder / "Skills.txt"
    path.write_text(path.read_text().replace("Data Value", "Value", 1))

    with pytest.raises(CommandError, match=r"Skills\.txt, line 1: the column “Data Value”"):
        import_onet(folder, CSR)
    assert not Role.objects.exists()


def test_a_value_that_is_not_a_number_names_the_file_and_line_and_writes_nothing(db, tmp_path):
    import_onet(SAMPLE, SUPERVISOR)
    folder = copy_release(tmp_path)
    set_rating(folder, RETAIL, "2.A.1.b", "IM", "abc")  # the third rating, below the header

    with pytest.raises(CommandError, match=r"Skills\.txt, line 4: “Data Value” is not a number"):
        import_onet(folder, CSR, SUPERVISOR)
    assert list(Role.objects.values_list("onet_soc_code", "onet_release")) == [(SUPERVISOR, "30.0")]


def test_a_truncated_row_names_the_file_and_line(db, tmp_path):
    folder = copy_release(tmp_path)
    path = folder / "Level Scale Anchors.txt"
    path.write_text(path.read_text(encoding="utf-8") + "2.A.1.a\tReading Comprehension\r\n")

    with pytest.raises(CommandError, match=r"Level Scale Anchors.txt, line 29: 2 tab-separated"):
        import_onet(folder, CSR)


def test_a_folder_not_named_after_its_release_needs_release(db, tmp_path):
    folder = copy_release(tmp_path, name="onet")
    with pytest.raises(CommandError, match="--release"):
        import_onet(folder, CSR)
    import_onet(folder, CSR, release="29.3")
    assert Role.objects.get().onet_release == "29.3"
