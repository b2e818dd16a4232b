"""Making an account (records.accounts, behind `alliance createuser`): the role, the name and the password are checked first."""

from __future__ import annotations

import pytest

from alliance.errors import AllianceError
from alliance.records.accounts import check_new_account, create_account
from alliance.records.models import Team, User


def test_an_account_is_made_with_its_role_and_a_new_team(db):
    user = create_account("robin", role="supervisor", team="North Team", password="a-long-real-password", first_name="Robin")
    assert (user.role, user.team.name, user.first_name) == ("supervisor", "North Team", "Robin")
    assert user.check_password("a-long-real-password")
    assert Team.objects.filter(name="North Team").count() == 1


def test_an_unknown_role_is_u001_and_a_taken_name_in_any_case_is_u002(db):
    with pytest.raises(AllianceError) as role:
        check_new_account("kim", "boss")
    assert (role.value.code, str(role.value)) == ("U001", "role must be one of practitioner, supervisor, admin, learner, not 'boss'.")
    create_account("kim", role="practitioner", password="a-long-real-password")
    with pytest.raises(AllianceError) as taken:
        create_account("KIM", role="practitioner", password="a-long-real-password")
    assert (taken.value.code, str(taken.value)) == ("U002", "a user called 'KIM' already exists.")


def test_a_weak_password_is_u003_and_makes_nobody(db):
    with pytest.raises(AllianceError) as weak:
        create_account("weakling", role="practitioner", password="12345")
    assert weak.value.code == "U003"
    assert str(weak.value).startswith("This password is too short. It must contain at least 10 characters.")
    assert not User.objects.filter(username="weakling").exists()
