"""Uncertain quantities: nominal values, supports, and range checks on every draw."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import BaseModel, ValidationError

from detente.scenario.quantity import Choice, Normal, Probability, Triangular, nominal


class Probe(BaseModel):
    p: Probability


def test_plain_number_and_nominals() -> None:
    assert nominal(Probe(p=0.3).p) == 0.3
    assert nominal(Probe(p={"dist": "triangular", "low": 0.1, "mode": 0.2, "high": 0.6}).p) == 0.2
    assert nominal(Probe(p={"dist": "uniform", "low": 0.2, "high": 0.6}).p) == pytest.approx(0.4)
    assert nominal(Probe(p={"dist": "beta", "a": 2, "b": 6}).p) == pytest.approx(0.25)
    assert nominal(Probe(p={"dist": "choice", "values": [0.1, 0.9], "weights": [1, 3]}).p) == 0.9


def test_support_outside_range_is_rejected() -> None:
    with pytest.raises(ValidationError, match="every draw"):
        Probe(p={"dist": "uniform", "low": 0.5, "high": 1.5})
    with pytest.raises(ValidationError, match="out of range"):
        Probe(p=1.2)


def test_open_normal_is_truncated_to_field_range() -> None:
    value = Probe(p={"dist": "normal", "mean": 0.5, "sd": 0.4}).p
    assert isinstance(value, Normal) and (value.low, value.high) == (0, 1)
    draws = value.sample(np.random.default_rng(1), 5000)
    assert draws.min() >= 0 and draws.max() <= 1


def test_bad_distribution_parameters() -> None:
    with pytest.raises(ValidationError, match="low <= mode <= high"):
        Triangular(dist="triangular", low=0.5, mode=0.1, high=0.9)
    with pytest.raises(ValidationError, match="sum to a positive"):
        Choice(dist="choice", values=(1.0, 2.0), weights=(0.0, 0.0))


def test_sampling_is_reproducible_with_explicit_generator() -> None:
    dist = Triangular(dist="triangular", low=0, mode=0.3, high=1)
    a = dist.sample(np.random.default_rng(7), 10)
    b = dist.sample(np.random.default_rng(7), 10)
    assert np.array_equal(a, b)
