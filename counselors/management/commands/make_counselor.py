from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from counselors.services import counselor_make


class Command(BaseCommand):
    help = _("Make an existing user a counselor and print their share code.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organization", default="")

    def handle(self, *args, username, organization, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(_("No user named “%(name)s”.") % {"name": username}) from None
        profile = counselor_make(user=user, organisation=organization)
        self.stdout.write(
            _("%(name)s is a counselor. Share code: %(code)s")
            % {"name": username, "code": profile.share_code}
        )
