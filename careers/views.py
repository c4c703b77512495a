from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from assessments.access import visible_assessments
from careers.models import Requirement, Role, Skill, SkillCategory, Track
from careers.steps import resources_by_step


def home(request: HttpRequest) -> HttpResponse:
    roles = Role.objects.annotate_skill_count().order_by("rank")
    tracks = Track.objects.prefetch_related(Prefetch("roles", queryset=roles))
    return render(request, "careers/home.html", {"tracks": tracks})


def track_detail(request: HttpRequest, slug: str) -> HttpResponse:
    track = get_object_or_404(Track, slug=slug)
    roles = Role.objects.on_ladder(track)
    return render(request, "careers/track_detail.html", {"track": track, "roles": roles})


def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(Role.objects.select_related("track"), slug=slug)
    neighbor_ranks = [role.rank - 1, role.rank + 1]
    neighbors = {
        neighbor.rank: neighbor
        for neighbor in Role.objects.filter(track=role.track, rank__in=neighbor_ranks)
    }
    context = {
        "role": role,
        "requirements": Requirement.objects.for_role_page(role),
        "previous_role": neighbors.get(role.rank - 1),
        "next_role": neighbors.get(role.rank + 1),
        "unfinished_assessment": visible_assessments(request)
        .in_progress()
        .filter(role=role)
        .first(),
    }
    return render(request, "careers/role_detail.html", context)


def skill_list(request: HttpRequest) -> HttpResponse:
    categories = SkillCategory.objects.prefetch_related("skills")
    return render(request, "careers/skill_list.html", {"categories": categories})


def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    skill = get_object_or_404(
        Skill.objects.select_related("category").prefetch_related("anchors", "resources"),
        slug=slug,
    )
    requirements = (
        skill.requirements.filter(required_level__gt=0)
        .select_related("role__track")
        .order_by("role__track__name", "role__rank")
    )
    context = {
        "skill": skill,
        "steps": resources_by_step(skill.resources.all()),
        "requirements": requirements,
    }
    return render(request, "careers/skill_detail.html", context)
