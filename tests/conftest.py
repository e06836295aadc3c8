"""Settings for the whole suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

# Property tests check results, never time: hypothesis's default 200 ms deadline per example fails a
# test on a loaded machine (a CI runner, a laptop running the benchmark) for no fault in the code.
settings.register_profile("plancheck", deadline=None)
settings.load_profile("plancheck")


@pytest.fixture(autouse=True, scope="session")
def _plan_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the tests' plan-cache entries out of the user's own cache folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("plan-cache")))
        yield
