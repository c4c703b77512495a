"""`export_catalog FILE`: the whole catalog as one JSON file for `import_catalog`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from careers.transfer import catalog_export


class Command(BaseCommand):
    help = _(
        "Write the whole catalog (tracks, roles, skills, anchors, requirements, resources, "
        "scenarios) to one JSON file that import_catalog loads in another installation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        try:
            counts = catalog_export(path=options["file"])
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": options["file"], "error": error}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported %(count)d object(s) to %(file)s (%(models)s).")
                % {
                    "count": sum(counts.values()),
                    "file": options["file"],
                    "models": ", ".join(f"{label}: {n}" for label, n in counts.items()),
                }
            )
        )
