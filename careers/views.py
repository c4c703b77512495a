"""Catalog pages. Their content changes only with the catalog, so each page is kept whole in
the cache under the catalog revision (`common.page_cache.render_cached`, keys by
`_page_key`), with the object and the querysets built in a function called only when the
page is rendered: a page served from the cache runs one query, the revision's. The templates
also cache their catalog parts in fragments under the same revision, for the pages rendered
for one visitor (a role page with their own start button, a page with a flash message).

The start button on role and occupation pages (`{% assessment_start %}`, from assessments)
speaks to a visitor with a session or an account: "continue your assessment", their own
minutes. Those visitors get the page rendered for them; everyone else sees the same button.
"""

import functools
import hashlib
from collections.abc import Callable

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.db.models.functions import Substr
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from careers.forms import OccupationSearchForm
from careers.models import (
    JobZone,
    Occupation,
    OccupationWage,
    RelatedOccupation,
    Requirement,
    Role,
    Skill,
    SkillCategory,
    Track,
)
from careers.revision import current_revision
from careers.skills_profile import ROLE_SLUG as SKILLS_PROFILE_SLUG
from careers.steps import level_steps
from common.page_cache import render_cached


def home(request: HttpRequest) -> HttpResponse:
    def tracks():  # built only when the cached ladders are not there: even building costs
        # The ~900 occupations imported from O*NET are not drawn as rungs here: their tracks
        # are linked with a count, and only the catalog's own ladders are listed in full.
        rungs = Role.objects.filter(onet_soc_code="").annotate_skill_count().order_by("rank")
        return (
            Track.objects.listed()
            .annotate_role_counts()
            .prefetch_related(Prefetch("roles", queryset=rungs))
        )

    return _render_catalog(request, "careers/home.html", lambda: {"tracks": tracks}, page="home")


# Rungs per page of a track: a ladder of our own fits on one, the ~900 imported occupations
# would make one page of 800 KB.
ROLES_PER_PAGE = 50
OCCUPATIONS_PER_PAGE = 50
SEARCH_RESULTS = 50


def track_detail(request: HttpRequest, slug: str) -> HttpResponse:
    def context() -> dict:
        track = get_object_or_404(Track.objects.listed().annotate_role_counts(), slug=slug)
        roles = Paginator(Role.objects.on_ladder(track), ROLES_PER_PAGE)
        # Counted with the track, so the page costs no count query and its rungs are read
        # only when the cached fragment is missing (`count` is a cached property: this sets it).
        roles.count = track.role_count
        return {"track": track, "page_obj": roles.get_page(request.GET.get("page"))}

    page = ("track", slug, request.GET.get("page", ""))
    return _render_catalog(request, "careers/track_detail.html", context, page=page)


def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == SKILLS_PROFILE_SLUG:  # not a job: its page is "Which careers fit me?"
        return redirect("assessments:explore")

    def context() -> dict:
        role = get_object_or_404(Role.objects.select_related("track"), slug=slug)
        if role.is_skills_profile:  # the same, should an admin have renamed it
            raise _Redirect(redirect("assessments:explore"))
        return {
            "role": role,
            # National pay of the role's SOC code (BLS), beside the figures the catalog carries.
            "wage": lambda: OccupationWage.objects.newest_for(role.soc_code),
            # An O*NET occupation states no years: its Job Zone says what it takes instead.
            "job_zone": lambda: (
                JobZone.objects.filter(occupations__code=role.onet_soc_code).first()
                if role.is_from_onet and not role.states_years
                else None
            ),
            **_requirements_with_rung_below(role),
        }

    return _render_catalog(
        request, "careers/role_detail.html", context, page=("role", slug), personal=True
    )


def _requirements_with_rung_below(role: Role) -> dict[str, Callable[[], list[Requirement]]]:
    """A role's requirements for the page, and those of the rung below for the start button's
    length estimate (the questionnaire asks the skills that rung adds too): one query, read
    at most once, by whichever of the cached fragments and the estimate misses its cache
    first."""
    rows = functools.cache(
        lambda: list(Requirement.objects.for_role_page(role, with_rung_below=True))
    )
    return {
        "requirements": lambda: [row for row in rows() if row.role_id == role.pk],
        "requirements_below": lambda: [row for row in rows() if row.role_id != role.pk],
    }


def skill_list(request: HttpRequest) -> HttpResponse:
    context = {"categories": lambda: SkillCategory.objects.prefetch_related("skills")}
    return _render_catalog(request, "careers/skill_list.html", lambda: context, page="skills")


def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    def context() -> dict:
        skill = get_object_or_404(Skill.objects.select_related("category"), slug=slug)
        return {
            "skill": skill,
            "steps": lambda: level_steps(skill.resources.all()),
            "requirements": lambda: (
                skill.requirements.filter(required_level__gt=0, role__is_skills_profile=False)
                .select_related("role__track")
                .order_by("role__track__name", "role__rank")
            ),
        }

    return _render_catalog(request, "careers/skill_detail.html", context, page=("skill", slug))


def occupation_search(request: HttpRequest) -> HttpResponse:
    """Search by title or alternate title; without a search, the SOC major groups to browse."""
    form = OccupationSearchForm(request.GET if "q" in request.GET else None)
    searched = form.is_valid()

    @functools.cache
    def found() -> dict:
        """Run only when the results of this search are not cached for this revision: the
        search reads every alternate title (55,000), the costliest query of any page."""
        matching = Occupation.objects.matching(form.cleaned_data["q"]).with_listing_facts()
        results = list(matching[: SEARCH_RESULTS + 1])  # one more tells that there are more
        return {"results": results[:SEARCH_RESULTS], "more": len(results) > SEARCH_RESULTS}

    context = {
        "form": form,
        "found": found,
        "searched": searched,
        "groups": _major_groups,
    }
    # The page shows the search as typed (or no search): one page per text, named by its
    # digest, which keeps the key short whatever was typed.
    typed = request.GET.get("q")
    search = "-" if typed is None else hashlib.sha256(typed.encode()).hexdigest()[:32]
    return _render_catalog(
        request, "careers/occupation_search.html", lambda: context, page=("search", search)
    )


def occupation_group(request: HttpRequest, group: str) -> HttpResponse:
    def context() -> dict:
        name = _major_group_names().get(group)
        if name is None:
            raise Http404
        occupations = Occupation.objects.in_major_group(group).with_listing_facts()
        page = Paginator(occupations, OCCUPATIONS_PER_PAGE).get_page(request.GET.get("page"))
        return {"group": group, "group_name": name, "page_obj": page}

    page = ("group", group, request.GET.get("page", ""))
    return _render_catalog(request, "careers/occupation_group.html", context, page=page)


def occupation_detail(request: HttpRequest, code: str) -> HttpResponse:
    def context() -> dict:
        occupation = get_object_or_404(Occupation.objects.select_related("job_zone"), code=code)
        role = Role.objects.filter(onet_soc_code=code).first()
        return {
            "occupation": occupation,
            "role": role,
            **(_requirements_with_rung_below(role) if role else {"requirements": lambda: []}),
            "tasks": lambda: occupation.tasks.all(),
            "alternate_titles": lambda: occupation.alternate_titles.order_by("title")[:12],
            "related": lambda: (
                RelatedOccupation.objects.filter(occupation=occupation)
                .select_related("related")
                .order_by("position")
            ),
            "wage": lambda: OccupationWage.objects.newest_for(occupation.soc_code),
        }

    return _render_catalog(
        request,
        "careers/occupation_detail.html",
        context,
        page=("occupation", code),
        personal=True,
    )


def _major_group_names() -> dict[str, str]:
    """SOC major group ("43") → BLS's name for it; a newer release's name wins."""
    rows = OccupationWage.objects.major_groups().values_list("soc_code", "title")
    return {code[:2]: title for code, title in list(rows)[::-1]}


def _major_groups() -> list[tuple[str, str, int]]:
    """(group, name, number of occupations) for every major group that has occupations."""
    names = _major_group_names()
    counts = (
        Occupation.objects.annotate(group=Substr("code", 1, 2))
        .values("group")
        .annotate(n=Count("pk"))
        .order_by("group")
    )
    return [(row["group"], names.get(row["group"], row["group"]), row["n"]) for row in counts]


class _Redirect(Exception):
    """Raised by a page's context function when the page turns out to live elsewhere."""

    def __init__(self, response: HttpResponse):
        self.response = response


def _render_catalog(
    request: HttpRequest,
    template: str,
    context: Callable[[], dict],
    *,
    page: str | tuple[str, ...],
    personal: bool = False,
) -> HttpResponse:
    """The page from the cache under the current catalog revision, or rendered from
    `context()` and kept. `page` names the page and everything in the request it shows (a
    slug, the page number, the search). With `personal`, the page shows the start button,
    which a visitor with a session or an account sees made for them: rendered for them."""
    revision = current_revision()

    def with_revision() -> dict:
        return {**context(), "catalog_revision": revision}

    try:
        if personal and (request.user.is_authenticated or not request.session.is_empty()):
            return render(request, template, with_revision())
        parts = (page,) if isinstance(page, str) else page
        key = ":".join(["catalog", *parts, str(revision)])
        return render_cached(request, template, with_revision, key=key, keep_in_process=True)
    except _Redirect as moved:
        return moved.response
