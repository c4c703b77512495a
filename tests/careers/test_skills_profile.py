"""The skills profile behind "Which careers fit me?": a role asking every O*NET skill once,
kept in step with them, and kept out of every list of jobs."""

from django.urls import reverse

from careers.models import Role, Track
from careers.skills_profile import skills_profile, skills_profile_sync


def test_without_onet_skills_there_is_no_profile(db, make_skill):
    make_skill()
    assert skills_profile_sync() is False
    assert skills_profile() is None


def test_the_profile_requires_every_onet_skill_and_follows_them(db, make_skill):
    reading = make_skill(onet_element_id="2.A.1.a", onet_release="29.0")
    writing = make_skill(onet_element_id="2.A.1.c", onet_release="29.0")
    ours = make_skill()
    assert skills_profile_sync() is True
    profile = skills_profile()
    assert profile.is_skills_profile and profile.onet_release == "29.0"
    assert set(profile.requirements.values_list("skill", flat=True)) == {reading.pk, writing.pk}
    assert ours.pk not in set(profile.requirements.values_list("skill", flat=True))
    assert skills_profile_sync() is False  # nothing to change

    writing.onet_element_id = ""
    writing.save()
    make_skill(onet_element_id="2.A.1.d", onet_release="30.0", slug="speaking")
    assert skills_profile_sync() is True
    profile.refresh_from_db()
    assert set(profile.requirements.values_list("skill__slug", flat=True)) == {
        reading.slug,
        "speaking",
    }
    assert profile.onet_release == "30.0"


def test_the_profile_is_in_no_list_of_jobs(client, make_skill, make_role):
    make_skill(onet_element_id="2.A.1.a", onet_release="29.0", slug="reading")
    job = make_role(title="Associate")
    skills_profile_sync()
    assert list(Role.objects.jobs()) == [job]
    assert not Track.objects.listed().filter(roles__is_skills_profile=True).exists()
    home = client.get(reverse("careers:home")).content.decode()
    assert "Associate" in home
    profile = skills_profile()
    assert client.get(profile.track.get_absolute_url()).status_code == 404
    assert profile.track.get_absolute_url() not in home
    skill_page = client.get(reverse("careers:skill_detail", args=["reading"])).content.decode()
    assert profile.get_absolute_url() not in skill_page
