"""The chart: full skill names, labelled levels, and no two labels on top of each other."""

from itertools import combinations

from assessments.charts import chart_layout, paired_bar_chart
from assessments.document import SkillRow


def row(name: str, required: int, measured: int | None, category: str = "People") -> SkillRow:
    return {
        "skill": name.lower().replace(" ", "-"),
        "name": name,
        "category": category,
        "required_level": required,
        "importance": 4,
        "self_rating": measured,
        "scenario_level": None,
        "measured_level": measured,
        "gap": None if measured is None else max(required - measured, 0),
        "priority": 0,
        "strength": False,
        "calibration_flag": False,
        "change": None,
        "evidence_note": "",
        "evidence_url": "",
    }


LONG = "Multilingual and cross-cultural communication"
SKILLS = [row(LONG, 4, 2), row("Empathy", 3, None), row("Help desk and ticketing tools", 5, 5)]


def test_no_two_labels_overlap():
    labels = chart_layout(SKILLS).labels
    for first, second in combinations(labels, 2):
        assert not first.box.overlaps(second.box), (first.text, second.text)


def test_every_name_is_written_in_full_and_levels_are_labelled():
    svg = str(paired_bar_chart(SKILLS))
    for skill in SKILLS:
        words = [
            label.text for label in chart_layout([skill]).labels if label.css_class == "bar-name"
        ]
        assert " ".join(words) == skill["name"]
    assert "…" not in svg
    for level in "12345":
        assert 'class="bar-axis"' in svg and f">{level}</text>" in svg


def test_one_chart_per_category_and_none_without_requirements():
    svg = str(paired_bar_chart([*SKILLS, row("Typing", 2, 3, category="Tools")]))
    assert svg.count("<svg") == 2 and "<figcaption" in svg
    assert str(paired_bar_chart([row("Typing", 0, 3)])) == ""
