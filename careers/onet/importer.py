"""The O*NET import's one write: the occupations of a release become roles of a track.

`onet_occupations_import` takes what `release.read_release` returned and brings it into the
catalog in one transaction, checking before it saves, so an error leaves the catalog as it
was. It uses bulk queries: a query per row would make the ~30,000 ratings of a full release
take minutes. What it changed is reported through `report.py`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Avg
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers.models import ProficiencyAnchor, Requirement, Role, Skill, SkillCategory, Track
from careers.onet.mapping import OnetOccupation, OnetRelease, OnetSkill
from careers.onet.report import (
    OnetImportReport,
    added_line,
    changed_lines,
    left_out_line,
    rank_line,
    removed_line,
    role_change_lines,
    role_label,
)
from careers.revision import bump_revision

BATCH_SIZE = 500
SLUG_LENGTH = 80

DEFAULT_ONET_TRACK = gettext_lazy("O*NET occupations")
NO_TRACK_SLUG = gettext_lazy("The track name “%(track)s” has no letters or digits to make a slug.")
TRACK_HAS_OWN_ROLES = gettext_lazy(
    "The track “%(track)s” holds roles that did not come from O*NET (%(roles)s); "
    "import into another track."
)
SLUG_TAKEN = gettext_lazy(
    "Cannot import %(what)s: its slug “%(slug)s” is already used by a %(model)s that did not "
    "come from O*NET."
)
INVALID_IMPORTED_ROW = gettext_lazy("Cannot import %(what)s: %(details)s")


class OnetImportError(Exception):
    """The release cannot be written into this catalog; nothing was written."""


def onet_occupations_import(*, release: OnetRelease, track_name: str) -> OnetImportReport:
    """Bring the occupations of `release` into the catalog as roles of the track `track_name`.

        Roles are matched by O*NET-SOC code and skills by element id, so running it again (with
        the same or a newer release) updates in place. Only O*NET's own requirements of O*NET's
        own roles are changed: roles written here, and requirements admins added to imported
        roles, are never touched. Skills are created once and then left to admins (only the short
    anchors of skills imported before anchors had them are filled in, where still blank).
    """
    report = OnetImportReport(release=release.version, track=str(track_name))
    with transaction.atomic():
        track = _onet_track(track_name, release)
        report.track = track.name
        categories = _onet_categories(release, report)
        skills = _onet_skills(release, categories, report)
        roles, created = _onet_roles(release, track, report)
        _onet_requirements(release, roles, skills, created, report)
        for track_id in sorted({track.pk, *(role.track_id for role in roles.values())}):
            _rank_onet_track(track_id, created, report)
        if report.changed:
            bump_revision()  # bulk writes send no signals
    return report


def _onet_track(track_name: str, release: OnetRelease) -> Track:
    slug = slugify(str(track_name))[:SLUG_LENGTH].strip("-")
    if not slug:
        raise OnetImportError(NO_TRACK_SLUG % {"track": track_name})
    track = Track.objects.filter(slug=slug).first()
    if track is None:
        return Track.objects.create(
            name=str(track_name),
            slug=slug,
            summary=_(
                "Occupations imported from the O*NET %(release)s database, lowest average "
                "required skill level first."
            )
            % {"release": release.version},
        )
    own_roles = list(track.roles.filter(onet_soc_code="").values_list("slug", flat=True)[:5])
    if own_roles:
        raise OnetImportError(
            TRACK_HAS_OWN_ROLES % {"track": track.name, "roles": ", ".join(own_roles)}
        )
    return track


def _onet_categories(release: OnetRelease, report: OnetImportReport) -> dict[str, SkillCategory]:
    """The skill category of every O*NET group a skill of the release belongs to."""
    needed = {release.groups[skill.group_id] for skill in release.skills.values()}
    existing = {c.slug: c for c in SkillCategory.objects.filter(slug__in=[g.slug for g in needed])}
    last_position = max(SkillCategory.objects.values_list("position", flat=True), default=0)
    created = []
    for group in sorted(needed, key=lambda group: group.position):
        if group.slug not in existing:
            category = SkillCategory(
                name=group.name,
                slug=group.slug,
                description=group.description,
                position=last_position + group.position,
            )
            _check_fields(category, _("the skill category “%(name)s”") % {"name": group.name})
            created.append(category)
    for category in SkillCategory.objects.bulk_create(created):
        existing[category.slug] = category
    report.categories_created = len(created)
    return {group.group_id: existing[group.slug] for group in needed}


def _onet_skills(
    release: OnetRelease, categories: dict[str, SkillCategory], report: OnetImportReport
) -> dict[str, Skill]:
    """Every skill the release rates, by element id; new ones with their five anchors."""
    skills = {
        skill.onet_element_id: skill
        for skill in Skill.objects.filter(onet_element_id__in=list(release.skills))
    }
    taken = set(Skill.objects.filter(onet_element_id="").values_list("slug", flat=True))
    new_skills = []
    for element_id, onet_skill in sorted(release.skills.items()):
        if element_id in skills:
            continue
        skill = Skill(
            category=categories[onet_skill.group_id],
            name=onet_skill.name,
            slug=_unique_slug("onet-" + slugify(onet_skill.name)),
            description=onet_skill.description,
            position=onet_skill.position,
            onet_element_id=element_id,
            onet_release=release.version,
        )
        what = _("the skill %(element)s %(name)s") % {"element": element_id, "name": skill.name}
        if skill.slug in taken:
            raise OnetImportError(
                SLUG_TAKEN % {"what": what, "slug": skill.slug, "model": _("skill")}
            )
        _check_fields(skill, what, exclude=["category"])
        new_skills.append(skill)
    Skill.objects.bulk_create(new_skills)
    ProficiencyAnchor.objects.bulk_create(
        ProficiencyAnchor(
            skill=skill,
            level=level,
            description=description,
            short_description=_short_anchor(release.skills[skill.onet_element_id], level),
        )
        for skill in new_skills
        for level, description in enumerate(release.skills[skill.onet_element_id].anchors, start=1)
    )
    report.anchors_shortened = _fill_short_anchors(release, skills)
    skills.update((skill.onet_element_id, skill) for skill in new_skills)
    report.skills_created = len(new_skills)
    return skills


def _short_anchor(skill: OnetSkill, level: int) -> str:
    return skill.short_anchors[level - 1] if len(skill.short_anchors) >= level else ""


def _fill_short_anchors(release: OnetRelease, skills: dict[str, Skill]) -> int:
    """Skills imported before anchors had short descriptions get them; a short description an
    admin wrote is kept, like everything else about a skill once it exists."""
    element_of = {skill.pk: element_id for element_id, skill in skills.items()}
    blank = list(
        ProficiencyAnchor.objects.filter(skill_id__in=list(element_of), short_description="")
    )
    for anchor in blank:
        anchor.short_description = _short_anchor(
            release.skills[element_of[anchor.skill_id]], anchor.level
        )
    filled = [anchor for anchor in blank if anchor.short_description]
    ProficiencyAnchor.objects.bulk_update(filled, ["short_description"], batch_size=BATCH_SIZE)
    return len(filled)


def _unique_slug(text: str) -> str:
    return text[:SLUG_LENGTH].strip("-")


def _role_slug(occupation: OnetOccupation) -> str:
    """Readable and unique: the title, shortened, then the code (43-4051.00 → 43-4051-00)."""
    title = slugify(occupation.title)[: SLUG_LENGTH - 12].strip("-")
    return f"{title}-{occupation.code.replace('.', '-')}"


def _onet_roles(
    release: OnetRelease, track: Track, report: OnetImportReport
) -> tuple[dict[str, Role], set[int]]:
    """The role of every occupation, by code: existing ones updated, new ones created at
    temporary ranks past the end of the track (`_rank_onet_track` puts them in order).
    Also returns the ids of the roles created."""
    existing = {role.onet_soc_code: role for role in Role.objects.exclude(onet_soc_code="")}
    taken = set(Role.objects.filter(onet_soc_code="").values_list("slug", flat=True))
    next_rank = max(track.roles.values_list("rank", flat=True), default=0) + 1
    roles: dict[str, Role] = {}
    new_roles, changed_roles = [], []
    for occupation in release.occupations:
        label = role_label(occupation.code, occupation.title)
        role = existing.get(occupation.code)
        if role is None:
            role = Role(
                track=track,
                rank=next_rank,
                title=occupation.title,
                slug=_role_slug(occupation),
                summary=occupation.description,
                responsibilities=occupation.responsibilities,
                years_experience_min=0,
                years_experience_max=None,
                onet_soc_code=occupation.code,
                onet_release=release.version,
            )
            next_rank += 1
            if role.slug in taken:
                raise OnetImportError(
                    SLUG_TAKEN % {"what": label, "slug": role.slug, "model": _("role")}
                )
            new_roles.append(role)
        else:
            report.changes.extend(
                role_change_lines(
                    label,
                    title=role.title,
                    summary=role.summary,
                    responsibilities=role.responsibilities,
                    occupation=occupation,
                )
            )
            imported = (
                occupation.title,
                occupation.description,
                occupation.responsibilities,
                release.version,
            )
            # Only roles that differ are written, so importing a release twice changes nothing.
            if (role.title, role.summary, role.responsibilities, role.onet_release) != imported:
                role.title, role.summary, role.responsibilities, role.onet_release = imported
                changed_roles.append(role)
        _check_fields(role, label, exclude=["track"])
        roles[occupation.code] = role
    Role.objects.bulk_create(new_roles, batch_size=BATCH_SIZE)
    Role.objects.bulk_update(
        changed_roles,
        ["title", "summary", "responsibilities", "onet_release"],
        batch_size=BATCH_SIZE,
    )
    report.roles_created, report.roles_updated = len(new_roles), len(changed_roles)
    return roles, {role.pk for role in new_roles}


class _Held(NamedTuple):
    """An O*NET requirement the catalog already holds."""

    pk: int
    required_level: int
    importance: int
    skill_name: str
    element_id: str


@dataclass
class _RequirementPlan:
    new: list[Requirement] = field(default_factory=list)
    changed: list[Requirement] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def _onet_requirements(
    release: OnetRelease,
    roles: dict[str, Role],
    skills: dict[str, Skill],
    created: set[int],
    report: OnetImportReport,
) -> None:
    """Create, update and remove O*NET's requirements of the imported roles, in bulk; every
    difference on a role that existed before is reported as a change."""
    held = _held_onet_requirements({role.pk for role in roles.values()})
    plan = _RequirementPlan()
    for occupation in release.occupations:
        role = roles[occupation.code]
        _plan_requirements(
            occupation, role, held[role.pk], skills, role.pk not in created, plan, report
        )
    report.count_left_out(release)
    Requirement.objects.bulk_create(plan.new, batch_size=BATCH_SIZE)
    Requirement.objects.bulk_update(plan.changed, ["required_level", "importance"], BATCH_SIZE)
    for start in range(0, len(plan.removed), BATCH_SIZE):
        Requirement.objects.filter(pk__in=plan.removed[start : start + BATCH_SIZE]).delete()
    report.requirements_created = len(plan.new)
    report.requirements_updated = len(plan.changed)
    report.requirements_removed = len(plan.removed)


def _held_onet_requirements(role_ids: set[int]) -> dict[int, dict[int, _Held]]:
    """O*NET's requirements of the given roles, by role id and skill id, in one query.

    It reads those of every O*NET role and filters here: an `IN` list of ~900 role ids would
    pass SQLite's limit on query parameters.
    """
    held: dict[int, dict[int, _Held]] = defaultdict(dict)
    rows = (
        Requirement.objects.exclude(role__onet_soc_code="")
        .exclude(skill__onet_element_id="")
        .values_list(
            "role_id",
            "skill_id",
            "pk",
            "required_level",
            "importance",
            "skill__name",
            "skill__onet_element_id",
        )
    )
    for role_id, skill_id, pk, level, importance, name, element_id in rows.iterator():
        if role_id in role_ids:
            held[role_id][skill_id] = _Held(pk, level, importance, name, element_id)
    return held


def _plan_requirements(
    occupation: OnetOccupation,
    role: Role,
    held: dict[int, _Held],
    skills: dict[str, Skill],
    report_changes: bool,
    plan: _RequirementPlan,
    report: OnetImportReport,
) -> None:
    """Add to `plan` what makes the role's O*NET requirements match the occupation."""
    label = role_label(occupation.code, occupation.title)
    unmatched = dict(held)
    for rating in occupation.ratings:
        skill = skills[rating.element_id]
        wanted = (rating.required_level, rating.importance)
        current = unmatched.pop(skill.pk, None)
        if current is None:
            plan.new.append(Requirement(role=role, skill=skill, **_requirement_fields(*wanted)))
            if report_changes:
                report.changes.append(added_line(label, skill.name, *wanted))
        elif (current.required_level, current.importance) != wanted:
            plan.changed.append(Requirement(pk=current.pk, **_requirement_fields(*wanted)))
            report.changes.extend(
                changed_lines(
                    label, skill.name, (current.required_level, current.importance), wanted
                )
            )
    reasons = {item.element_id: item.reason for item in occupation.left_out}
    report.left_out.extend(
        left_out_line(label, item.name, item.reason) for item in occupation.left_out
    )
    for current in unmatched.values():
        plan.removed.append(current.pk)
        report.changes.append(
            removed_line(label, current.skill_name, reasons.get(current.element_id))
        )


def _requirement_fields(required_level: int, importance: int) -> dict[str, int]:
    # No per-row validation: the mapping rules (careers.onet.mapping) clamp both values into the
    # model's ranges, and the database's check constraints stand behind them.
    return {"required_level": required_level, "importance": importance}


def _rank_onet_track(track_id: int, created: set[int], report: OnetImportReport) -> None:
    """Number the roles of an O*NET track 1, 2, 3 … by mean required level of their O*NET
    skills (lowest first; ties by code). A track an admin mixed with roles of their own is
    left alone: its ladder is theirs to order."""
    roles = list(Role.objects.filter(track_id=track_id).only("rank", "title", "onet_soc_code"))
    if not roles or any(not role.onet_soc_code for role in roles):
        return
    means = dict(
        Requirement.objects.filter(role__track_id=track_id)
        .exclude(skill__onet_element_id="")
        .values("role_id")
        .annotate(mean=Avg("required_level"))
        .values_list("role_id", "mean")
    )
    ordered = sorted(roles, key=lambda role: (means.get(role.pk) or 0, role.onet_soc_code))
    if all(role.rank == rank for rank, role in enumerate(ordered, start=1)):
        return
    for new, role in enumerate(ordered, start=1):
        if role.pk not in created and role.rank != new:
            report.changes.append(
                rank_line(role_label(role.onet_soc_code, role.title), role.rank, new)
            )
    # Two steps, because (track, rank) is unique at every row of an UPDATE: first past every
    # rank in use, then into place.
    offset = max(max(role.rank for role in roles), len(roles))
    for rank, role in enumerate(ordered, start=1):
        role.rank = offset + rank
    Role.objects.bulk_update(ordered, ["rank"], batch_size=BATCH_SIZE)
    for rank, role in enumerate(ordered, start=1):
        role.rank = rank
    Role.objects.bulk_update(ordered, ["rank"], batch_size=BATCH_SIZE)


def _check_fields(instance: models.Model, what: str, exclude: list[str] | None = None) -> None:
    """Field validation without the per-row queries of uniqueness checks (the import checks
    slugs itself, and the database enforces the rest)."""
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        details = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise OnetImportError(INVALID_IMPORTED_ROW % {"what": what, "details": details}) from error
