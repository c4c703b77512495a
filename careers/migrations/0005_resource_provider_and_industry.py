import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0004_catalog_revision"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="resource",
            options={
                "ordering": ["skill", "from_level", "to_level", "cost", "title"],
                "verbose_name": "learning resource",
                "verbose_name_plural": "learning resources",
            },
        ),
        migrations.AddField(
            model_name="resource",
            name="provider",
            # Rows written before providers were recorded name none; check_catalog reports
            # the level steps they leave without a named resource.
            field=models.CharField(
                default="",
                help_text="Who offers it, e.g. “HubSpot Academy”, “HDI”, “Your public library” or “On the job”.",
                max_length=120,
                verbose_name="provider",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="resource",
            name="industry",
            field=models.CharField(
                blank=True,
                choices=[
                    ("banking", "Banking and financial services"),
                    ("healthcare", "Healthcare"),
                    ("insurance", "Insurance"),
                    ("retail", "Retail"),
                    ("software", "Software and IT"),
                    ("telecom", "Telecommunications"),
                ],
                help_text="Only for resources that fit one industry; leave empty when it fits any.",
                max_length=20,
                verbose_name="industry",
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="kind",
            field=models.CharField(
                choices=[
                    ("course", "Course"),
                    ("certification", "Certification"),
                    ("book", "Book"),
                    ("practice", "Practice activity"),
                    ("on_the_job", "On-the-job stretch"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="title",
            field=models.CharField(
                help_text="The actual course, certification, book or activity, as its provider names it.",
                max_length=200,
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="url",
            field=models.URLField(
                blank=True,
                validators=[django.core.validators.URLValidator(schemes=["http", "https"])],
                verbose_name="link",
            ),
        ),
    ]
