import pytest

from tests.personas import build_personas


@pytest.fixture
def personas(db):
    return build_personas()
