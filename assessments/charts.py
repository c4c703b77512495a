"""A radar chart of required against measured levels, as plain server-side SVG.

No JavaScript and no inline styles (so a strict Content Security Policy is fine); colours come
from classes in app.css and the chart prints. The skills table next to it is its accessible
alternative, so the SVG itself is marked as an image with a short summary.
"""

import math
from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessments.document import SkillRow
from careers.levels import MAX_LEVEL

RADIUS = 260
CENTER = 0
LABEL_RADIUS = RADIUS + 16
LABEL_SPACE = 200  # room beside the circle for labels
VIEWBOX = (
    f"{-(RADIUS + LABEL_SPACE)} {-(RADIUS + 50)} {2 * (RADIUS + LABEL_SPACE)} {2 * (RADIUS + 50)}"
)
LABEL_CHARS = 22


def _point(index: int, count: int, level: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * level / MAX_LEVEL
    return CENTER + distance * math.cos(angle), CENTER + distance * math.sin(angle)


def _polygon(levels: Sequence[float]) -> str:
    return " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (_point(i, len(levels), lvl) for i, lvl in enumerate(levels))
    )


def _label(index: int, count: int, name: str) -> str:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    x = CENTER + LABEL_RADIUS * math.cos(angle)
    y = CENTER + LABEL_RADIUS * math.sin(angle)
    cos, sin = math.cos(angle), math.sin(angle)
    anchor = "middle" if abs(cos) < 0.05 else ("start" if cos > 0 else "end")
    y += 22 * (1 - abs(cos)) * math.copysign(1, sin)  # near the top or bottom: more room
    short = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="middle"'
        f' class="radar-label"><title>{escape(name)}</title>{escape(short)}</text>'
    )


def radar_chart(skills: Sequence[SkillRow]) -> SafeString:
    """SVG for skills with `name`, `required_level` and `measured_level` (result rows)."""
    shown = [s for s in skills if s["required_level"] > 0]
    if len(shown) < 3:
        return mark_safe("")  # a radar needs three axes; the table says it all
    count = len(shown)
    rings = "".join(
        f'<polygon class="radar-ring" points="{_polygon([level] * count)}"/>'
        for level in range(1, MAX_LEVEL + 1)
    )
    spokes = "".join(
        '<line class="radar-spoke" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>'.format(
            CENTER, CENTER, *_point(i, count, MAX_LEVEL)
        )
        for i in range(count)
    )
    required = _polygon([s["required_level"] for s in shown])
    # A skill not assessed sits at the centre, like a level of 0.
    measured = _polygon([s["measured_level"] or 0 for s in shown])
    labels = "".join(_label(i, count, s["name"]) for i, s in enumerate(shown))
    title = escape(_("Radar chart: your measured level against the required level per skill"))
    return mark_safe(
        f'<svg class="radar" viewBox="{VIEWBOX}" role="img"'
        f' aria-labelledby="radar-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="radar-title">{title}</title>{rings}{spokes}'
        f'<polygon class="radar-required" points="{required}"/>'
        f'<polygon class="radar-measured" points="{measured}"/>{labels}</svg>'
    )
