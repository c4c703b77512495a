"""What an O*NET import tells the admin: its counts, and one line per change it made.

`importer.py` fills an `OnetImportReport` as it writes; `import_onet` prints it. A change line
names the role by its O*NET-SOC code and title, e.g.
"43-4051.00 Customer Service Representatives: Active Listening level 4 → 3".
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from careers.onet.mapping import NOT_RELEVANT, OnetOccupation, OnetRelease


@dataclass
class OnetImportReport:
    """What an import did, for the command to print and the tests to check."""

    release: str
    track: str
    roles_created: int = 0
    roles_updated: int = 0
    skills_created: int = 0
    anchors_shortened: int = 0
    """Anchors of skills imported earlier that got their short description now."""
    categories_created: int = 0
    requirements_created: int = 0
    requirements_updated: int = 0
    requirements_removed: int = 0
    left_out_not_relevant: int = 0
    left_out_suppressed: int = 0
    changes: list[str] = field(default_factory=list)
    """One line per value that differs from what the catalog held, e.g. a level 4 → 3."""
    left_out: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything (a re-import of the same release writes nothing)."""
        return bool(
            self.roles_created
            or self.roles_updated
            or self.skills_created
            or self.anchors_shortened
            or self.categories_created
            or self.requirements_created
            or self.requirements_updated
            or self.requirements_removed
            or self.changes
        )

    def count_left_out(self, release: OnetRelease) -> None:
        reasons = Counter(item.reason for o in release.occupations for item in o.left_out)
        self.left_out_not_relevant = reasons[NOT_RELEVANT]
        self.left_out_suppressed = sum(reasons.values()) - reasons[NOT_RELEVANT]


def anchors_shortened_line(count: int) -> str:
    return ngettext(
        "%(count)d anchor of a skill imported earlier given its short description.",
        "%(count)d anchors of skills imported earlier given their short descriptions.",
        count,
    ) % {"count": count}


def role_label(code: str, title: str) -> str:
    return f"{code} {title}"


def role_change_lines(
    label: str, *, title: str, summary: str, responsibilities: str, occupation: OnetOccupation
) -> Iterator[str]:
    """How the role's text as the catalog holds it differs from the occupation's."""
    if title != occupation.title:
        yield _("%(role)s: title “%(old)s” → “%(new)s”") % {
            "role": label,
            "old": title,
            "new": occupation.title,
        }
    if summary != occupation.description:
        yield _("%(role)s: description updated") % {"role": label}
    if responsibilities != occupation.responsibilities:
        yield _("%(role)s: tasks updated") % {"role": label}


def added_line(label: str, skill: str, level: int, importance: int) -> str:
    return _("%(role)s: %(skill)s added (level %(level)d, importance %(importance)d)") % {
        "role": label,
        "skill": skill,
        "level": level,
        "importance": importance,
    }


def changed_lines(
    label: str, skill: str, old: tuple[int, int], new: tuple[int, int]
) -> Iterator[str]:
    """A line for the level and one for the importance, for each that changed; `old` and
    `new` are (required level, importance)."""
    if old[0] != new[0]:
        yield _("%(role)s: %(skill)s level %(old)d → %(new)d") % {
            "role": label,
            "skill": skill,
            "old": old[0],
            "new": new[0],
        }
    if old[1] != new[1]:
        yield _("%(role)s: %(skill)s importance %(old)d → %(new)d") % {
            "role": label,
            "skill": skill,
            "old": old[1],
            "new": new[1],
        }


def _left_out_reason(reason: str | None) -> str:
    if reason == NOT_RELEVANT:
        return _("not relevant")
    if reason is None:
        return _("no longer rated")
    return _("suppressed estimate")


def removed_line(label: str, skill: str, reason: str | None) -> str:
    """`reason` is why the release leaves the rating out, None when it no longer rates it."""
    return _("%(role)s: %(skill)s removed (%(reason)s)") % {
        "role": label,
        "skill": skill,
        "reason": _left_out_reason(reason),
    }


def left_out_line(label: str, skill: str, reason: str) -> str:
    return _("%(role)s: %(skill)s left out (%(reason)s)") % {
        "role": label,
        "skill": skill,
        "reason": _left_out_reason(reason),
    }


def rank_line(label: str, old: int, new: int) -> str:
    return _("%(role)s: rank %(old)d → %(new)d") % {"role": label, "old": old, "new": new}
