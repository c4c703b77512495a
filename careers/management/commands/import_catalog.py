"""`import_catalog FILE`: load a file written by `export_catalog`, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from careers.transfer import CatalogTransferError, catalog_import


class Command(BaseCommand):
    help = _(
        "Load a catalog written by export_catalog. Every object is validated before it is "
        "saved, in one transaction: on the first problem nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        try:
            counts = catalog_import(path=options["file"])
        except CatalogTransferError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(count)d object(s) from %(file)s (%(models)s).")
                % {
                    "count": sum(counts.values()),
                    "file": options["file"],
                    "models": ", ".join(f"{label}: {n}" for label, n in counts.items()),
                }
            )
        )
        self.stdout.write(_("Run check_catalog to see whether the catalog is complete."))
