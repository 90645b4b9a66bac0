"""Fixtures shared by every test module, and the ``../shared`` policy.

``../shared`` (the dev corpus, the seeds, the scorer) sits beside the repository
and is read in place, never copied in. Without it a test that asks for
``shared_dir`` is skipped, unless ``CITYGRAPH_REQUIRE_SHARED=1`` (set by
``.ci/run``), where it fails instead: CI must not pass by skipping.
Such tests get the ``shared`` marker automatically, so ``-m "not shared"``
leaves them out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: The repository root (the parent of ``tests/``).
REPO = Path(__file__).resolve().parents[1]
#: Where the shared corpus lives, relative to the repository root.
SHARED = REPO.parent / "shared"
SHARED_MISSING = "../shared not found: the shared corpus is read in place"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "shared_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``, resolved; skips (or fails under CITYGRAPH_REQUIRE_SHARED=1) when absent."""
    if not SHARED.is_dir():
        if os.environ.get("CITYGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(SHARED_MISSING + " (CITYGRAPH_REQUIRE_SHARED=1)")
        pytest.skip(SHARED_MISSING)
    return SHARED.resolve()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's on-disk store goes; created by the first ingest."""
    return tmp_path / "store"
