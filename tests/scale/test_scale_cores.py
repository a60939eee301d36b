"""How many cores a run may use: the cgroup v2 quota's parser (no model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.scale.runners import cgroup_cpu_quota


@pytest.mark.parametrize(
    ("cpu_max", "cores"),
    [
        ("max 100000\n", None),
        ("100000 100000\n", 1),
        ("150000 100000", 2),
        ("50000 100000", 1),
        ("400000 100000", 4),
        ("", None),
        ("100000 0", None),
        ("garbage here", None),
        ("\u00b2 100000", None),
        ("\u0663 1", None),
        ("9" * 5000 + " 1", None),
    ],
)
def test_scale_cgroup_quota_in_whole_cores(cpu_max: str, cores: int | None) -> None:
    assert cgroup_cpu_quota(cpu_max) == cores


@given(st.text())
def test_scale_cgroup_quota_never_raises(cpu_max: str) -> None:
    cores = cgroup_cpu_quota(cpu_max)
    assert cores is None or cores >= 1
