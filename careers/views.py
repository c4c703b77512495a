"""Catalog pages. Their content changes only with the catalog, so the templates cache it in
fragments keyed by the catalog revision (`careers.revision`). The querysets are passed as
functions, which templates call only when a fragment is built (even building a queryset
costs), and what varies per visitor stays outside the fragments."""

import functools

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from careers.models import Requirement, Role, Skill, SkillCategory, Track
from careers.revision import current_revision
from careers.steps import level_steps


def home(request: HttpRequest) -> HttpResponse:
    def tracks():  # built only when the cached ladders are not there: even building costs
        # The ~900 occupations imported from O*NET are not drawn as rungs here: their tracks
        # are linked with a count, and only the catalog's own ladders are listed in full.
        rungs = Role.objects.filter(onet_soc_code="").annotate_skill_count().order_by("rank")
        return Track.objects.annotate_role_counts().prefetch_related(
            Prefetch("roles", queryset=rungs)
        )

    return _render_catalog(request, "careers/home.html", {"tracks": tracks})


def track_detail(request: HttpRequest, slug: str) -> HttpResponse:
    track = get_object_or_404(Track, slug=slug)
    context = {"track": track, "roles": lambda: Role.objects.on_ladder(track)}
    return _render_catalog(request, "careers/track_detail.html", context)


def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(Role.objects.select_related("track"), slug=slug)
    context = {
        "role": role,
        # Read at most once, by whichever of the cached fragments and the start button's
        # length estimate misses its cache first.
        "requirements": functools.cache(lambda: list(Requirement.objects.for_role_page(role))),
    }
    return _render_catalog(request, "careers/role_detail.html", context)


def skill_list(request: HttpRequest) -> HttpResponse:
    context = {"categories": lambda: SkillCategory.objects.prefetch_related("skills")}
    return _render_catalog(request, "careers/skill_list.html", context)


def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    skill = get_object_or_404(Skill.objects.select_related("category"), slug=slug)
    context = {
        "skill": skill,
        "steps": lambda: level_steps(skill.resources.all()),
        "requirements": lambda: (
            skill.requirements.filter(required_level__gt=0)
            .select_related("role__track")
            .order_by("role__track__name", "role__rank")
        ),
    }
    return _render_catalog(request, "careers/skill_detail.html", context)


def _render_catalog(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, template, {**context, "catalog_revision": current_revision()})
