"""Diffusion docking at several (p, q), and the time scale of published Bass parameters.

In the ``diffusion`` setting a week of the model is: ads reach each person with probability p,
whoever has heard of the seller buys, every buyer tells one random other person with probability
q, stories land at the week's end (derivation in :mod:`sim.bass`). So the share who have bought
follows the weekly recursion F_t = 1 − (1 − F_{t−1})(1 − p)(1 − q/(N−1))^{N·F_{t−1}}.

Tolerances are not tuned: each week's allowance is z standard errors of the mean over seeds, the
standard error from the process's own binomial noise carried forward week by week
(:func:`sim.bass.weekly_variance`, checked below against the spread the seeds show), z from a
Bonferroni bound so that all weeks together fail by chance in at most 1 of 1,000 runs.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import sim
from sim import bass

N, SEEDS, ALPHA = 1000, range(8), 0.001
# Weekly (p, q): q up to 0.6, p down to 0.005. Each runs until the recursion passes 95%.
PAIRS = [(0.005, 0.6), (0.005, 0.3), (0.02, 0.45), (0.05, 0.2)]


def adoption(p: float, q: float, weeks: int) -> np.ndarray:
    """Share who have bought by the end of each week, one row per seed."""
    curves = []
    for seed in SEEDS:
        r = sim.run("diffusion", seed=seed, n_customers=N, weeks=weeks,
                    **{"seller1.ad_reach": p, "wom_rate": q})
        curves.append(1 - (r.market.stage_unaware + r.market.stage_potential).values / N)
    return np.array(curves)


def weeks_to(share: float, p: float, q: float) -> int:
    f = bass.weekly_recursion(p, q, 1000, N)
    return int(np.argmax(f >= share)) + 1


def allowance(p: float, q: float, weeks: int) -> np.ndarray:
    """z standard errors of the mean over the seeds, week by week."""
    z = stats.norm.isf(ALPHA / (2 * weeks))
    return z * np.sqrt(bass.weekly_variance(p, q, weeks, N) / len(SEEDS))


def docks(mean: np.ndarray, expected: np.ndarray, tolerance: np.ndarray) -> bool:
    return bool((np.abs(mean - expected) <= tolerance).all())


@pytest.fixture(scope="module")
def runs():
    out = {}
    for p, q in PAIRS:
        weeks = weeks_to(0.95, p, q)
        out[(p, q)] = adoption(p, q, weeks)
    return out


@pytest.mark.parametrize(("p", "q"), PAIRS)
def test_the_model_follows_its_weekly_recursion(runs, p, q):
    curves = runs[(p, q)]
    weeks = curves.shape[1]
    mean, tol = curves.mean(axis=0), allowance(p, q, weeks)
    expected = bass.weekly_recursion(p, q, weeks, N)
    assert docks(mean, expected, tol), (np.abs(mean - expected) / tol).max()
    # The same check rejects a model whose imitation is 20% off:
    assert not docks(mean, bass.weekly_recursion(p, 1.2 * q, weeks, N), tol)
    assert not docks(mean, bass.weekly_recursion(p, 0.8 * q, weeks, N), tol)


def test_the_seeds_spread_as_the_binomial_noise_predicts(runs):
    """The tolerance's standard error is theory, not tuned: at each pair's noisiest week the
    seeds' variance matches it (pooled over the pairs: 4 × 7 degrees of freedom, 99.9%
    interval of the ratio)."""
    observed, predicted, dof = 0.0, 0.0, 0
    for (p, q), curves in runs.items():
        var = bass.weekly_variance(p, q, curves.shape[1], N)
        week = int(np.argmax(var))
        observed += curves[:, week].var(ddof=1) / var[week] * (len(SEEDS) - 1)
        dof += len(SEEDS) - 1
    predicted = dof
    ratio = observed / predicted
    low, high = stats.chi2.ppf([ALPHA / 2, 1 - ALPHA / 2], dof) / dof
    assert low <= ratio <= high, ratio


def test_the_weekly_recursion_is_the_many_people_limit_and_bass_at_small_rates():
    """Pure formulas: N → ∞ gives exp(−qF); at small weekly rates the recursion, Bass's
    estimation form and the closed form agree; at large ones they part."""
    f_n = bass.weekly_recursion(0.03, 0.38, 40, 10**7)
    assert np.abs(f_n - bass.weekly_recursion(0.03, 0.38, 40)).max() < 1e-6
    small, large = bass.comparison([(0.03 / 52, 0.38 / 52), (0.05, 0.6)])
    assert small["gap_recursion"] < 0.005 and small["gap_estimation"] < 0.005
    assert large["gap_recursion"] > 0.1
    for row in (small, large):  # the weekly forms lag the closed form by about one week
        assert 0.5 < row["half_recursion"] - row["half_closed"] < 1.5
        assert 0 < row["half_estimation"] - row["half_closed"] < row["half_recursion"] - \
            row["half_closed"]


def test_weekly_rates_map_published_yearly_rates():
    p_w, q_w = bass.weekly_rates(0.03, 0.38)
    assert q_w == pytest.approx(0.38 / 52)
    assert p_w == pytest.approx(1 - math.exp(-0.03 / 52))
    assert bass.yearly_rates(p_w, q_w) == pytest.approx((0.03, 0.38))
    # One week of the model = one week of the continuous model with F held fixed, any F:
    for f in (0.0, 0.3, 0.9):
        assert (1 - p_w) * math.exp(-q_w * f) == pytest.approx(math.exp(-(0.03 + 0.38 * f) / 52))
    with pytest.raises(ValueError):
        bass.weekly_rates(-0.1, 0.38)


def test_published_rates_track_the_yearly_closed_form_on_a_52_week_axis():
    """A fast product published per year (p = 0.5, q = 5: half the market in about 24 weeks),
    mapped to weekly rates, run for a year: the model's mean curve lies between Bass's closed
    form at t = week/52 years and the same a week later (the step), within sampling error."""
    p_year, q_year = 0.5, 5.0
    p, q = bass.weekly_rates(p_year, q_year)
    weeks = 52
    mean = adoption(p, q, weeks).mean(axis=0)
    tol = allowance(p, q, weeks)
    years = np.arange(1, weeks + 1) / 52

    def tracks(p_y, q_y):
        now = bass.closed_form(years, p_y, q_y)
        late = bass.closed_form(years - 1 / 52, p_y, q_y)
        return bool(((mean >= late - tol) & (mean <= now + tol)).all())

    assert tracks(p_year, q_year)
    assert not tracks(p_year, 1.25 * q_year)  # a mis-mapped q (e.g. read as a chance per year)
    assert not tracks(p_year, q_year / 1.25)
    assert abs(np.interp(0.5, mean, years) - bass.half_time(p_year, q_year)) < 2 / 52


def test_the_typical_product_scenario_is_bass_s_published_values_per_week():
    sc = sim.SCENARIOS["bass_typical"]
    assert (sc.values["seller1.ad_reach"], sc.values["wom_rate"]) == bass.weekly_rates(0.03, 0.38)
    assert sc.values["weeks"] >= 52 * bass.half_time(0.03, 0.38)  # long enough to see the S
    assert "p = 0.03 and q = 0.38 per year" in sc.story["en"]
    assert "p = 0,03 dan q = 0,38 per tahun" in sc.story["id"]


def test_the_lesson_widget_shows_published_and_weekly_rates():
    ui = pytest.importorskip("sim.ui")
    en, id_ = (ui.bass_rates(0.03, 0.38, lang=lang).value for lang in ("en", "id"))
    assert "0.00058" in en and "0,00058" in id_ and "0.00731" in en and "322" in en
    assert "–" in ui.bass_rates(0.0, 0.38).value  # no ads: the curve never starts
