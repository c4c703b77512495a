"""Required against measured levels as horizontal paired bars, one small SVG per category.

Plain server-side SVG: no JavaScript, no inline styles (a strict Content Security Policy is
fine), colours from classes in app.css, and it prints. Every skill's full name is written above
its two bars and both numbers beside them, so nothing needs a hover; the level axis is labelled
1–5. The skills table next to it is its accessible alternative, so each SVG is one image with a
short title.

The layout (`chart_layout`) is computed apart from the markup so a test can check that no two
labels overlap. Text widths are estimated from the character count, generously.
"""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessments.document import SkillRow
from careers.levels import MAX_LEVEL

WIDTH = 400
# Text sizes in SVG units (a category's chart is 400 units wide); app.css sets the same sizes.
FONT = 15  # skill names
SMALL_FONT = 11  # the axis and the numbers beside the bars
CHAR_WIDTH = 0.6  # a generous average width of a character, in ems of a sans-serif font
LINE = FONT + 3
BAR = 8
BAR_GAP = 4  # two numbers beside two bars need their height apart
ROW_GAP = 8
AXIS_HEIGHT = 22
BAR_LEFT = 0
VALUE_SPACE = 34  # room right of the bars for the number
BAR_WIDTH = WIDTH - BAR_LEFT - VALUE_SPACE
# Names wrap before the numbers' column, so they can never run into them.
NAME_CHARS = int((WIDTH - VALUE_SPACE) // (CHAR_WIDTH * FONT))


@dataclass(frozen=True)
class Box:
    """A label's estimated extent, in SVG units (y is the top)."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: "Box") -> bool:
        return not (
            self.x + self.width <= other.x
            or other.x + other.width <= self.x
            or self.y + self.height <= other.y
            or other.y + other.height <= self.y
        )


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    baseline: float
    anchor: str  # "start", "middle" or "end"
    css_class: str
    size: int = SMALL_FONT

    @property
    def box(self) -> Box:
        width = len(self.text) * CHAR_WIDTH * self.size
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return Box(left, self.baseline - self.size * 0.8, width, self.size)


@dataclass(frozen=True)
class Bar:
    level: int
    y: float
    css_class: str

    @property
    def width(self) -> float:
        return BAR_WIDTH * self.level / MAX_LEVEL


@dataclass(frozen=True)
class Layout:
    height: float
    labels: tuple[Label, ...]
    bars: tuple[Bar, ...]
    gridlines: tuple[float, ...]


def _x(level: int) -> float:
    return BAR_LEFT + BAR_WIDTH * level / MAX_LEVEL


def chart_layout(skills: Sequence[SkillRow]) -> Layout:
    """Where every label and bar of one category's chart goes."""
    labels = [
        Label(str(level), _x(level), SMALL_FONT, "middle", "bar-axis")
        for level in range(1, MAX_LEVEL + 1)
    ]
    bars: list[Bar] = []
    y = AXIS_HEIGHT + ROW_GAP
    for skill in skills:
        for line in textwrap.wrap(skill["name"], NAME_CHARS) or [""]:
            y += LINE
            labels.append(Label(line, 0, y - 4, "start", "bar-name", FONT))
        required, measured = skill["required_level"], skill["measured_level"] or 0
        # Each number sits level with its bar: baseline a third of the text below its centre.
        baseline = BAR / 2 + SMALL_FONT / 3
        bars.append(Bar(required, y, "bar-required"))
        labels.append(Label(str(required), WIDTH, y + baseline, "end", "bar-value"))
        y += BAR + BAR_GAP
        bars.append(Bar(measured, y, "bar-measured"))
        shown = str(skill["measured_level"]) if skill["measured_level"] is not None else "–"
        labels.append(Label(shown, WIDTH, y + baseline, "end", "bar-value bar-value-measured"))
        y += BAR + ROW_GAP
    gridlines = tuple(_x(level) for level in range(1, MAX_LEVEL + 1))
    return Layout(height=y, labels=tuple(labels), bars=tuple(bars), gridlines=gridlines)


def _svg(category: str, skills: Sequence[SkillRow]) -> str:
    layout = chart_layout(skills)
    title = escape(
        _("%(category)s: required and measured level per skill") % {"category": category}
    )
    grid = "".join(
        f'<line class="bar-grid" x1="{x:.1f}" y1="{AXIS_HEIGHT - 4}" x2="{x:.1f}"'
        f' y2="{layout.height:.1f}"/>'
        for x in layout.gridlines
    )
    bars = "".join(
        f'<rect class="{bar.css_class}" x="{BAR_LEFT}" y="{bar.y:.1f}"'
        f' width="{bar.width:.1f}" height="{BAR}"/>'
        for bar in layout.bars
    )
    labels = "".join(
        f'<text class="{label.css_class}" x="{label.x:.1f}" y="{label.baseline:.1f}"'
        f' text-anchor="{label.anchor}">{escape(label.text)}</text>'
        for label in layout.labels
    )
    return (
        f'<figure class="bar-chart-category"><figcaption class="h6">{escape(category)}</figcaption>'
        f'<svg class="bar-chart" viewBox="0 0 {WIDTH} {layout.height:.0f}" role="img"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        f"{grid}{bars}{labels}</svg></figure>"
    )


def paired_bar_chart(skills: Sequence[SkillRow]) -> SafeString:
    """SVGs for result rows (`name`, `category`, `required_level`, `measured_level`), one per
    category in the rows' order; only skills the role requires."""
    categories: dict[str, list[SkillRow]] = {}
    for skill in skills:
        if skill["required_level"] > 0:
            categories.setdefault(skill["category"], []).append(skill)
    if not categories:
        return mark_safe("")
    # Escaped above, piece by piece.
    return mark_safe(
        '<div class="bar-chart-grid">'
        + "".join(_svg(category, rows) for category, rows in categories.items())
        + "</div>"
    )
