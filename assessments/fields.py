"""The questionnaire's field names: a stable contract for tests, scripts and future clients.

| field                      | values                                                  |
| -------------------------- | ------------------------------------------------------- |
| `rating-<skill slug>`      | `1`–`5`, the self-rated level                           |
| `scenario-<item slug>`     | the slug of one of that item's options                  |
| `note-<skill slug>`        | evidence: up to 500 characters                          |
| `link-<skill slug>`        | evidence: an http(s) URL                                |
| `years_experience`         | whole years 0–50 (first page only)                      |
| `years_leading`            | whole years 0–50 (first page only)                      |
| `direction`                | `next` (default), `back`, `review` or `stay`            |

Forms, templates (through the `questionnaire` tags), services and tests build and read names
here, and nowhere else, so the contract can only change in one place.
"""

from enum import StrEnum
from typing import Protocol


class HasSlug(Protocol):
    @property
    def slug(self) -> str: ...


RATING = "rating"
SCENARIO = "scenario"
NOTE = "note"
LINK = "link"
PREFIXED_KINDS = (RATING, SCENARIO, NOTE, LINK)

YEARS_EXPERIENCE = "years_experience"
YEARS_LEADING = "years_leading"
YEARS_FIELDS = (YEARS_EXPERIENCE, YEARS_LEADING)

DIRECTION = "direction"


class Direction(StrEnum):
    """Where a questionnaire page's button leads once the page is saved."""

    NEXT = "next"
    BACK = "back"
    REVIEW = "review"
    STAY = "stay"  # the background autosave: save without moving on

    @classmethod
    def parse(cls, value: str | None) -> "Direction":
        """Anything unknown (or nothing) means "next", the default button."""
        try:
            return cls(value or cls.NEXT)
        except ValueError:
            return cls.NEXT


def rating_field(skill: HasSlug) -> str:
    return f"{RATING}-{skill.slug}"


def scenario_field(item: HasSlug) -> str:
    return f"{SCENARIO}-{item.slug}"


def note_field(skill: HasSlug) -> str:
    return f"{NOTE}-{skill.slug}"


def link_field(skill: HasSlug) -> str:
    return f"{LINK}-{skill.slug}"


def parse_field(name: str) -> tuple[str, str] | None:
    """`rating-crm` → ("rating", "crm"); a years field → (its name, ""); anything else → None."""
    if name in YEARS_FIELDS:
        return name, ""
    kind, separator, slug = name.partition("-")
    if separator and slug and kind in PREFIXED_KINDS:
        return kind, slug
    return None
