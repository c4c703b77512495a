"""Django's loaddata, with every object validated before it is saved.

Plain loaddata writes rows straight to the database, so a required level of 7 fails with a
bare constraint error ("Could not load careers.Requirement(pk=None)") and a reference to an
unknown skill with "Requirement has no skill". Here each object is run through `full_clean()`
first, and the error names the fixture, the object by its natural key and the field.
Everything still happens in one transaction, so a bad file loads nothing.
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError


class FixtureObjectInvalid(ValueError):
    pass


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        try:
            return super().handle(*fixture_labels, **options)
        except (DeserializationError, FixtureObjectInvalid, DatabaseError) as error:
            raise CommandError(str(error)) from error

    def save_obj(self, obj):
        # Our fixtures list every object after the ones it refers to, so a reference still
        # unresolved here names something that exists nowhere: report it rather than defer it.
        if obj.deferred_fields:
            problems = {
                field.name: [f"Nothing matches {json.dumps(value, ensure_ascii=False)}."]
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
            raise FixtureObjectInvalid(
                describe_invalid_object(instance, error.message_dict)
            ) from error
        return super().save_obj(obj)


def describe_invalid_object(instance, problems: dict[str, list[str]]) -> str:
    details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in problems.items())
    if hasattr(instance, "natural_key"):
        name = "/".join(str(part) for part in instance.natural_key())
    else:
        name = str(instance.pk)
    return f"Invalid {instance._meta.label} “{name}”: {details}"
