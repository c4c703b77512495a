"""Moves the catalog part of every result's inputs into one shared row per catalog state."""

import hashlib
import json

from django.db import migrations, models

CATALOG_KEYS = ("role", "requirements", "rungs", "resources")  # as in assessments.document


def _digest(content: dict) -> str:  # as assessments.models.content_digest, frozen here
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def share_catalogs(apps, schema_editor):
    Result = apps.get_model("assessments", "Result")
    ScoringCatalog = apps.get_model("assessments", "ScoringCatalog")
    catalog_ids: dict[str, int] = {}
    pending = Result.objects.filter(catalog__isnull=True).only("inputs").order_by("pk")
    batch = []
    for result in pending.iterator(chunk_size=200):
        content = {key: result.inputs[key] for key in CATALOG_KEYS}
        digest = _digest(content)
        if digest not in catalog_ids:
            catalog, _ = ScoringCatalog.objects.get_or_create(
                digest=digest, defaults={"content": content}
            )
            catalog_ids[digest] = catalog.pk
        result.catalog_id = catalog_ids[digest]
        result.inputs = {k: v for k, v in result.inputs.items() if k not in CATALOG_KEYS}
        batch.append(result)
        if len(batch) == 200:
            Result.objects.bulk_update(batch, ["catalog", "inputs"])
            batch = []
    Result.objects.bulk_update(batch, ["catalog", "inputs"])


def inline_catalogs(apps, schema_editor):
    Result = apps.get_model("assessments", "Result")
    batch = []
    for result in Result.objects.select_related("catalog").order_by("pk").iterator(chunk_size=200):
        result.inputs = {**result.catalog.content, **result.inputs}
        batch.append(result)
        if len(batch) == 200:
            Result.objects.bulk_update(batch, ["inputs"])
            batch = []
    Result.objects.bulk_update(batch, ["inputs"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_result_headline_figures"),
    ]

    operations = [
        migrations.CreateModel(
            name="ScoringCatalog",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="SHA-256 of the content")),
                ("content", models.JSONField(verbose_name="catalog snapshot")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="first used")),
            ],
            options={
                "verbose_name": "scoring catalog",
                "verbose_name_plural": "scoring catalogs",
            },
        ),
        migrations.AddField(
            model_name="result",
            name="catalog",
            field=models.ForeignKey(
                null=True,
                on_delete=models.PROTECT,
                related_name="results",
                to="assessments.scoringcatalog",
                verbose_name="catalog snapshot",
            ),
        ),
        migrations.AlterField(
            model_name="result",
            name="inputs",
            field=models.JSONField(verbose_name="answers scored"),
        ),
        migrations.RunPython(share_catalogs, inline_catalogs),
        migrations.AlterField(
            model_name="result",
            name="catalog",
            field=models.ForeignKey(
                on_delete=models.PROTECT,
                related_name="results",
                to="assessments.scoringcatalog",
                verbose_name="catalog snapshot",
            ),
        ),
    ]
