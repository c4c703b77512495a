import pytest
from django.contrib.auth import get_user_model

from counselors.services import counselor_make


@pytest.fixture
def make_user(db):
    def make(username: str, **fields):
        return get_user_model().objects.create_user(
            username=username,
            password="a-long-passphrase-42",
            email=f"{username}@example.org",
            **fields,
        )

    return make


@pytest.fixture
def counselor(make_user):
    user = make_user("casey", first_name="Casey")
    counselor_make(user=user, organisation="Job centre north")
    return user


@pytest.fixture
def seeker(make_user):
    return make_user("samira-k", first_name="Samira")
