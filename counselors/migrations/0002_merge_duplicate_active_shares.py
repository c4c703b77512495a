"""Before one active share per thing shared is enforced (0003): where concurrent requests
made several active shares of the same result or role with the same counselor, the earliest
stays and the others are withdrawn. Nothing else changes: a counselor's notes belong to the
client, not to a share, and the earliest share keeps giving the same access."""

from django.db import migrations


def withdraw_duplicates(apps, schema_editor):
    Share = apps.get_model("counselors", "Share")
    active = Share.objects.filter(withdrawn_at__isnull=True).order_by("created_at", "pk")
    kept = set()
    duplicates = []
    for share in active.only("pk", "owner_id", "counselor_id", "assessment_id", "role_id", "created_at"):
        key = (share.owner_id, share.counselor_id, share.assessment_id, share.role_id)
        if key in kept:
            duplicates.append(share.pk)
        else:
            kept.add(key)
    if duplicates:
        # Withdrawn at the moment the duplicate was made: it never gave any access of its own.
        for share in Share.objects.filter(pk__in=duplicates):
            share.withdrawn_at = share.created_at
            share.save(update_fields=["withdrawn_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("counselors", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(withdraw_duplicates, migrations.RunPython.noop),
    ]
