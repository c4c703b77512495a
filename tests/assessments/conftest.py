from django.test import Client
from django.urls import reverse

from assessments.access import STARTED_KEY


def step_url(assessment, number: int) -> str:
    return reverse("assessments:step", args=[assessment.pk, number])


def signed_in(user) -> Client:
    """A browser signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def holding(*assessments) -> Client:
    """A browser that started these attempts, signed in as nobody."""
    client = Client()
    session = client.session
    session[STARTED_KEY] = [str(assessment.pk) for assessment in assessments]
    session.save()
    return client
