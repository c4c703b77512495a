"""Validation of deserialized catalog objects, shared by `loaddata` and `import_catalog`.

Django writes deserialized rows straight to the database, so a required level of 7 fails with
a bare constraint error ("Could not load careers.Requirement(pk=None)") and a reference to an
unknown skill with "Requirement has no skill". Here every object is run through `full_clean()`
before it is saved, and the error names the object by its natural key and the field. Callers
save inside one transaction, so the first invalid object leaves the database as it was.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializedObject
from django.db import models
from django.utils.translation import gettext as _


class FixtureObjectInvalid(ValueError):
    """An object of a fixture or catalog file that must not be saved; the message says why."""


def validate_deserialized_object(obj: DeserializedObject) -> None:
    """Raise FixtureObjectInvalid unless `obj` can be saved as it is.

    Files written with natural keys list every object after the ones it refers to, so a
    reference still unresolved here names something that exists nowhere: it is reported rather
    than deferred.
    """
    if obj.deferred_fields:
        problems = {
            field.name: [
                _("Nothing matches %(value)s.") % {"value": json.dumps(value, ensure_ascii=False)}
            ]
            for field, value in obj.deferred_fields.items()
        }
        raise FixtureObjectInvalid(describe_invalid_object(obj.object, problems))
    instance = obj.object
    if instance.pk is not None:
        # Found by natural key, or given a pk: an update of an existing row must not fail
        # its own uniqueness checks, which only exclude the row itself when not "adding".
        manager = type(instance)._default_manager
        instance._state.adding = not manager.filter(pk=instance.pk).exists()
    try:
        instance.full_clean()
    except ValidationError as error:
        raise FixtureObjectInvalid(describe_invalid_object(instance, error.message_dict)) from error


def describe_invalid_object(instance: models.Model, problems: dict[str, list[Any]]) -> str:
    """“Invalid careers.Requirement “associate/empathy”: required_level: …” — the object named
    by its natural key (what the file shows), not by a database id."""
    details = "; ".join(
        f"{field}: {' '.join(str(message) for message in messages)}"
        for field, messages in problems.items()
    )
    if hasattr(instance, "natural_key"):
        name = "/".join(str(part) for part in instance.natural_key())
    else:
        name = str(instance.pk)
    return _("Invalid %(model)s “%(name)s”: %(details)s") % {
        "model": instance._meta.label,
        "name": name,
        "details": details,
    }
