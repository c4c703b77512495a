"""Tokens and ids in URLs: a path that cannot be one is a 404 before any query runs (a NUL
byte made PostgreSQL refuse the query, a 25-digit id overflowed SQLite: both were 500s)."""

import pytest
from django.urls import reverse

from assessments.models import Assessment

BAD_TOKENS = ["abc%00def", "abc%20def", "a.b", "x" * 65, "%C3%A9t%C3%A9"]


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_a_token_outside_the_token_alphabet_is_a_404_without_a_query(
    client, db, token, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert client.get(f"/r/{token}").status_code == 404
        assert client.get(f"/assessments/resume/{token}/").status_code == 404


def test_real_tokens_still_match(client, role, make_submitted, seeker):
    assessment = make_submitted(role, owner=seeker)
    link = assessment.public_links.create(expires_at="2999-01-01T00:00Z")
    unfinished = Assessment.objects.create(role=role)  # submitting retires the resume link
    assert client.get(unfinished.get_resume_url()).status_code == 302
    assert client.get(link.get_absolute_url()).status_code == 200


HUGE_ID = "1" * 25


def test_a_counselor_client_url_with_a_25_digit_id_is_a_404(client, counselor):
    client.force_login(counselor)
    assert client.get(f"/counselor/clients/{HUGE_ID}/").status_code == 404


def test_an_id_just_past_64_bits_is_a_404(client, counselor):
    client.force_login(counselor)
    assert client.get(f"/counselor/clients/{2**63}/").status_code == 404


@pytest.mark.parametrize("path", ["/shares/{}/withdraw/", "/assessments/links/{}/revoke/"])
def test_withdraw_and_revoke_with_a_25_digit_id_are_a_404(client, seeker, path):
    client.force_login(seeker)
    assert client.post(path.format(HUGE_ID)).status_code == 404


def test_ids_still_reverse_and_resolve(seeker):
    assert (
        reverse("counselors:client_detail", args=[seeker.pk]) == f"/counselor/clients/{seeker.pk}/"
    )
