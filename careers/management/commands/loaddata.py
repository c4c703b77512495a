"""Overrides Django's own `loaddata` command: the same command, with every object validated.

What it adds to Django's `loaddata`:

- each object goes through `careers.fixture_validation` (`full_clean()`, the same checks
  `import_catalog` runs) before it is saved. Plain `loaddata` writes rows straight to the
  database and fails with bare constraint errors ("Could not load careers.Requirement(pk=None)")
  or lets through what no constraint catches; here the error names the fixture, the object by
  its natural key and the field;
- the catalog revision is bumped after a load that saved anything (fixture saves are raw and
  send no signal that would bump it), so cached catalog pages show the new data. The bump runs
  in the load's transaction, so a bad file loads nothing and moves nothing.

Why an override rather than a command of its own name: the catalog is loaded by name with
`loaddata` by the Makefile (`make setup`, `make serve`), the tests and anyone who knows Django,
and every one of those loads should be checked. Django lets an installed app's command replace
a core command of the same name, so `manage.py loaddata` runs this one; its arguments, options
and output are Django's own.
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
