from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from careers.catalog_checks import find_catalog_notes, find_catalog_problems


class Command(BaseCommand):
    help = _("Report inconsistencies in the career catalog; exits non-zero if there are any.")

    def handle(self, *args, **options):
        notes = find_catalog_notes()
        if notes:
            self.stdout.write(
                _(
                    "Note: %(count)d skill(s) required by roles imported from O*NET lack a "
                    "learning resource for some level steps (O*NET publishes none); -v 2 lists "
                    "them."
                )
                % {"count": len(notes)}
            )
            if options["verbosity"] > 1:
                for note in notes:
                    self.stdout.write(f"  - {note}")
        problems = find_catalog_problems()
        if problems:
            listing = "\n".join(f"  - {problem}" for problem in problems)
            raise CommandError(
                _("The catalog has %(count)d problem(s):\n%(listing)s")
                % {"count": len(problems), "listing": listing}
            )
        self.stdout.write(self.style.SUCCESS(_("The catalog is consistent.")))
