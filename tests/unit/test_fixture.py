"""The project's seed is a faithful copy of the shared demo fixture."""
from tests.conftest import PROJECT_FIXTURE, SHARED_FIXTURE


def test_seed_is_identical_to_the_shared_fixture():
    assert SHARED_FIXTURE.exists(), f"shared fixture missing at {SHARED_FIXTURE}"
    assert PROJECT_FIXTURE.read_bytes() == SHARED_FIXTURE.read_bytes()
