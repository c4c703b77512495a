from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from careers.catalog_checks import find_catalog_problems


class Command(BaseCommand):
    help = _("Report inconsistencies in the career catalog; exits non-zero if there are any.")

    def handle(self, *args, **options):
        problems = find_catalog_problems()
        if problems:
            listing = "\n".join(f"  - {problem}" for problem in problems)
            raise CommandError(
                _("The catalog has %(count)d problem(s):\n%(listing)s")
                % {"count": len(problems), "listing": listing}
            )
        self.stdout.write(self.style.SUCCESS(_("The catalog is consistent.")))
