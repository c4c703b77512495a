"""Ten identical share requests at once (a impatient double click, a retrying proxy): exactly
one active share, and every request gets a page, never a server error. Meaningful on
PostgreSQL (`make test-postgres`), where requests really run side by side; SQLite takes
them one at a time."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from counselors.models import Share

REQUESTS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_identical_shares_make_one_active_share(
    seeker, counselor, role, make_submitted
):
    result = make_submitted(role, owner=seeker, level=2)
    url = reverse("counselors:share_create", args=[result.pk])
    data = {"share_code": counselor.counselor_profile.share_code, "scope": "result"}
    clients = []
    for _ in range(REQUESTS):
        client = Client(raise_request_exception=False)
        client.force_login(seeker)
        clients.append(client)
    together = threading.Barrier(REQUESTS)
    statuses: list[int] = []

    def post(client: Client) -> None:
        try:
            together.wait()
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()  # each thread has its own connection to the database

    threads = [threading.Thread(target=post, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * REQUESTS
    assert Share.objects.active().filter(assessment=result).count() == 1
