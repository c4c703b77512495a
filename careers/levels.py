"""The two small scales every part of the product shares.

Kept apart from the models so that pure modules (scoring, recommendations) can name a level
without importing the ORM.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Proficiency on a skill. 0 exists only for requirements: "this role does not need it"."""

    NOT_REQUIRED = 0, _("Not required")
    NOVICE = 1, _("Novice")
    DEVELOPING = 2, _("Developing")
    COMPETENT = 3, _("Competent")
    PROFICIENT = 4, _("Proficient")
    EXPERT = 5, _("Expert")


class Importance(models.IntegerChoices):
    MINOR = 1, _("Minor")
    USEFUL = 2, _("Useful")
    IMPORTANT = 3, _("Important")
    VERY_IMPORTANT = 4, _("Very important")
    ESSENTIAL = 5, _("Essential")


MIN_LEVEL = Level.NOVICE
MAX_LEVEL = Level.EXPERT
PROFICIENCY_LEVELS = [level for level in Level if level >= MIN_LEVEL]
PROFICIENCY_CHOICES = [(level.value, level.label) for level in PROFICIENCY_LEVELS]
