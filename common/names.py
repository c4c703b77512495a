"""How the product names one person to another: their full name, or their username when they
gave no name. Counselors, share emails and the people a result is shared with all use it."""

import unicodedata
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # only for the annotation: the auth models load with the app registry
    from django.contrib.auth.models import AbstractUser

NAME_HAS_CONTROL_CHARACTERS = _("A name cannot contain line breaks or control characters.")


def validate_name(value: str) -> None:
    """Names end up in email subjects and CSV cells, where a line break or another control
    character changes what the rest means."""
    if any(unicodedata.category(character) == "Cc" for character in value):
        raise ValidationError(NAME_HAS_CONTROL_CHARACTERS, code="control_characters")


def name_from_parts(first_name: str, last_name: str, username: str) -> str:
    """For rows read with `.values()`, where there is no user object to ask."""
    return f"{first_name} {last_name}".strip() or username


def display_name(user: "AbstractUser") -> str:
    return name_from_parts(user.first_name, user.last_name, user.get_username())
