from django.db import migrations, models
from django.db.models.fields.json import KT
from django.db.models.functions import Cast


def copy_from_documents(apps, schema_editor):
    apps.get_model("assessments", "Result").objects.update(
        readiness_percent=Cast(KT("document__readiness_percent"), models.FloatField()),
        verdict=KT("document__verdict"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_publiclink"),
    ]

    operations = [
        migrations.AddField(
            model_name="result",
            name="readiness_percent",
            field=models.FloatField(null=True, verbose_name="readiness %"),
        ),
        migrations.AddField(
            model_name="result",
            name="verdict",
            field=models.CharField(max_length=16, null=True, verbose_name="verdict"),
        ),
        migrations.RunPython(copy_from_documents, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="result",
            name="readiness_percent",
            field=models.FloatField(verbose_name="readiness %"),
        ),
        migrations.AlterField(
            model_name="result",
            name="verdict",
            field=models.CharField(max_length=16, verbose_name="verdict"),
        ),
    ]
