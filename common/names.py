"""How the product names one person to another: their full name, or their username when they
gave no name. Counselors, share emails and the people a result is shared with all use it."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotation: the auth models load with the app registry
    from django.contrib.auth.models import AbstractUser


def name_from_parts(first_name: str, last_name: str, username: str) -> str:
    """For rows read with `.values()`, where there is no user object to ask."""
    return f"{first_name} {last_name}".strip() or username


def display_name(user: "AbstractUser") -> str:
    return name_from_parts(user.first_name, user.last_name, user.get_username())
