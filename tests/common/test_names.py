"""One rule names a person everywhere: full name, else username."""

from django.contrib.auth.models import User

from common.names import display_name, name_from_parts


def test_a_person_is_named_by_full_name_else_username():
    assert display_name(User(username="sam", first_name="Samira", last_name="Haddad")) == (
        "Samira Haddad"
    )
    assert display_name(User(username="sam", last_name="Haddad")) == "Haddad"
    assert display_name(User(username="sam")) == "sam"


def test_rows_read_with_values_get_the_same_name_as_the_user():
    user = User(username="sam", first_name="Samira", last_name="")
    assert name_from_parts("Samira", "", "sam") == display_name(user) == "Samira"
