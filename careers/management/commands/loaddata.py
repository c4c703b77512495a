"""Django's loaddata, with every object validated before it is saved.

Plain loaddata writes rows straight to the database, so a required level of 7 either slips
through (SQLite without the check) or fails with an opaque database error. Here each object is
run through `full_clean()` first and the error names the fixture, the object and the field.
Everything still happens in one transaction, so a bad file loads nothing.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.db import DatabaseError


class FixtureObjectInvalid(ValueError):
    pass


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        try:
            return super().handle(*fixture_labels, **options)
        except (FixtureObjectInvalid, DatabaseError) as error:
            raise CommandError(str(error)) from error

    def save_obj(self, obj):
        if not obj.deferred_fields:
            try:
                obj.object.full_clean()
            except ValidationError as error:
                raise FixtureObjectInvalid(describe_invalid_object(obj.object, error)) from error
        return super().save_obj(obj)


def describe_invalid_object(instance, error: ValidationError) -> str:
    problems = "; ".join(
        f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
    )
    natural_key = getattr(instance, "natural_key", None)
    try:
        name = "/".join(str(part) for part in natural_key()) if natural_key else instance.pk
    except ObjectDoesNotExist:  # a broken row may not even have the objects its key names
        name = instance.pk
    return f"Invalid {instance._meta.label} “{name}”: {problems}"
