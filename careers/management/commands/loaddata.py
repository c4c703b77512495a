"""Django's loaddata, with every object validated before it is saved.

Plain loaddata writes rows straight to the database and fails with bare constraint errors.
Here each object goes through `careers.fixture_validation` first (the same checks
`import_catalog` runs), so the error names the fixture, the object by its natural key and the
field. Everything still happens in one transaction, so a bad file loads nothing.
"""

from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from careers.fixture_validation import (
    FixtureObjectInvalid,
    describe_invalid_object,
    validate_deserialized_object,
)
from careers.revision import bump_revision

__all__ = ["Command", "FixtureObjectInvalid", "describe_invalid_object"]


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        try:
            with transaction.atomic(using=options["database"]):
                output = super().handle(*fixture_labels, **options)
                if self.loaded_object_count:
                    bump_revision()  # raw saves send no revision bump of their own
            return output
        except (DeserializationError, FixtureObjectInvalid, DatabaseError) as error:
            raise CommandError(str(error)) from error

    def save_obj(self, obj):
        validate_deserialized_object(obj)
        return super().save_obj(obj)
