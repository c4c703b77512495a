"""The whole catalog as one file: `catalog_export` writes it, `catalog_import` loads it.

The file is Django's JSON serialization with natural keys, so it moves between installations
whose database ids differ. The import validates object by object with the same checks as
`loaddata` (`careers.fixture_validation`), in one transaction: an error leaves the catalog as
it was. See docs/CATALOG_IMPORT.md.
"""

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.core import serializers
from django.core.serializers.base import DeserializationError, DeserializedObject
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext_lazy

from careers.fixture_validation import FixtureObjectInvalid, validate_deserialized_object
from careers.models import (
    CrosswalkLink,
    ProficiencyAnchor,
    Requirement,
    Resource,
    Role,
    ScenarioItem,
    ScenarioOption,
    Skill,
    SkillCategory,
    Track,
)
from careers.revision import bump_revision

CATALOG_FILE_UNREADABLE = gettext_lazy("Cannot read %(file)s: %(error)s")
CATALOG_FILE_INVALID = gettext_lazy("%(file)s: %(error)s Nothing was imported.")
CATALOG_FILE_NOT_JSON = gettext_lazy("%(file)s is not valid JSON: %(error)s. Nothing was imported.")
CATALOG_FILE_NOT_A_LIST = gettext_lazy(
    "%(file)s is not a catalog file: it must hold a list of objects. Nothing was imported."
)
CATALOG_OBJECT_SHAPELESS = gettext_lazy(
    "%(file)s, object %(number)d: an object needs a “model” and its “fields”. Nothing was imported."
)
NOT_A_CATALOG_OBJECT = gettext_lazy(
    "%(model)s is not part of the catalog; a catalog file holds careers objects only."
)


class CatalogTransferError(Exception):
    """A catalog file that cannot be imported; nothing was written."""


# In dependency order: every object comes after the ones its natural key refers to.
CATALOG_MODELS: list[tuple[type[models.Model], list[str], list[str]]] = [
    (Track, [], ["slug"]),
    (SkillCategory, [], ["slug"]),
    (Skill, ["category"], ["slug"]),
    (ProficiencyAnchor, ["skill"], ["skill__slug", "level"]),
    (Role, ["track"], ["track__slug", "rank"]),
    (Requirement, ["role", "skill"], ["role__slug", "skill__slug"]),
    (Resource, ["skill"], ["slug"]),
    (ScenarioItem, ["skill"], ["slug"]),
    (ScenarioOption, ["item"], ["item__slug", "slug"]),
    # Which of our skills inform which of O*NET's: an admin's edits move with the catalog.
    (CrosswalkLink, ["skill"], ["skill__slug", "onet_element_id"]),
]


def _catalog_objects(counts: Counter[str]) -> Iterator[models.Model]:
    for model, related, order in CATALOG_MODELS:
        for instance in model._default_manager.select_related(*related).order_by(*order).iterator():
            counts[model._meta.label] += 1
            yield instance


def catalog_export(*, path: Path) -> Counter[str]:
    """Write the whole catalog to `path` as JSON with natural keys; returns counts per model.

    The file is written next to its destination and renamed into place, so a failed export
    never leaves half a catalog behind. Objects are ordered by natural key, not by database
    id, so two installations holding the same catalog export the same bytes.
    """
    path = Path(path)
    counts: Counter[str] = Counter()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            serializers.serialize(
                "json",
                _catalog_objects(counts),
                stream=stream,
                indent=2,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return counts


def catalog_import(*, path: Path) -> Counter[str]:
    """Load a file written by `catalog_export` (or any careers fixture); returns counts per
    model. Objects are matched by natural key, so existing rows are updated in place; rows the
    file does not mention are kept. Every object is validated like `loaddata` does before it is
    saved, in one transaction: the first problem is reported and nothing is written."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogTransferError(
            CATALOG_FILE_UNREADABLE % {"file": path.name, "error": error}
        ) from error
    try:
        objects = json.loads(text)
    except ValueError as error:
        raise CatalogTransferError(
            CATALOG_FILE_NOT_JSON % {"file": path.name, "error": error}
        ) from error
    _check_shape(objects, path.name)
    counts: Counter[str] = Counter()
    try:
        with transaction.atomic():
            for obj in _deserialize(objects):
                validate_deserialized_object(obj)
                obj.save()
                counts[obj.object._meta.label] += 1
            bump_revision()  # fixture saves are raw: they send no revision bump of their own
    except (DeserializationError, FixtureObjectInvalid, DatabaseError) as error:
        raise CatalogTransferError(
            CATALOG_FILE_INVALID % {"file": path.name, "error": _describe(error)}
        ) from error
    return counts


def _describe(error: Exception) -> str:
    """Django raises some deserialization errors empty, with the real cause chained."""
    message = str(error).strip()
    if not message and error.__cause__ is not None:
        message = f"{type(error.__cause__).__name__}: {error.__cause__}"
    return message if message.endswith(".") else f"{message}."


def _check_shape(objects: object, file_name: str) -> None:
    """Django's deserializer fails on a misshapen object with a bare KeyError; say which."""
    if not isinstance(objects, list):
        raise CatalogTransferError(CATALOG_FILE_NOT_A_LIST % {"file": file_name})
    for number, obj in enumerate(objects, start=1):
        if not (
            isinstance(obj, dict)
            and isinstance(obj.get("model"), str)
            and isinstance(obj.get("fields"), dict)
        ):
            raise CatalogTransferError(
                CATALOG_OBJECT_SHAPELESS % {"file": file_name, "number": number}
            )


def _deserialize(objects: list[dict]) -> Iterator[DeserializedObject]:
    for obj in serializers.deserialize("python", objects, handle_forward_references=True):
        if obj.object._meta.app_label != "careers":
            raise FixtureObjectInvalid(NOT_A_CATALOG_OBJECT % {"model": obj.object._meta.label})
        yield obj
