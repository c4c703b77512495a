"""One account per email address, whatever its case (accounts without an email are fine).

Django's User model cannot carry the constraint itself, so it is a unique index on
LOWER(email), which SQLite and PostgreSQL both understand. An installation where two accounts
already share an address stops here with a message instead of failing half-way: merge or
change those accounts first (docs/SECURITY.md, "One account per email address").
"""

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower

INDEX = "accounts_user_email_unique_ci"


def refuse_existing_duplicates(apps, schema_editor) -> None:
    User = apps.get_model("auth", "User")
    shared = (
        User.objects.using(schema_editor.connection.alias)
        .exclude(email="")
        .values(address=Lower("email"))
        .annotate(accounts=Count("id"))
        .filter(accounts__gt=1)
    )
    if count := shared.count():
        raise RuntimeError(
            f"{count} email address(es) belong to more than one account. Give each account its "
            "own address (or delete the extra accounts), then migrate again; docs/SECURITY.md "
            'under "One account per email address" shows how to list them.'
        )


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(refuse_existing_duplicates, migrations.RunPython.noop),
        migrations.RunSQL(
            f"CREATE UNIQUE INDEX {INDEX} ON auth_user (LOWER(email)) WHERE email <> ''",
            f"DROP INDEX {INDEX}",
        ),
    ]
