"""Bass diffusion (Bass 1969) in the model's time scale: published rates, weekly rates, and the
three forms of the curve the model guide compares.

The literature publishes p (innovation, advertising) and q (imitation, word of mouth) *per
year*, as coefficients of the continuous model dF/dt = (p + q·F)(1 − F). The market steps once
a week. In the diffusion setting (one seller, fully mixed, everyone needs the product every week,
nobody leaves) a week of the model does this: an ad reaches each person with probability
``ad_reach`` and everyone who hears of the seller buys that week; every buyer (new or old) is
delighted and tells one random other person with probability ``wom_rate``; a story reaches its
listener at the week's end, who buys the next week. So the share F_t who have bought by the end
of week t follows

    F_t = 1 − (1 − F_{t−1})·(1 − p)·(1 − q/(N − 1))^{N·F_{t−1}}
        → 1 − (1 − F_{t−1})·(1 − p)·exp(−q·F_{t−1})        (many people, N → ∞)

(:func:`weekly_recursion`): a person still unaware escapes this week's ads with probability
1 − p, and each of the N·F_{t−1} people who bought last week (each told one of the N − 1 others
with probability q; the listener buys this week) with probability 1 − q/(N − 1).

Mapping (:func:`weekly_rates`): over one week with F held fixed, the continuous model's hazard
p + q·F gives a person the chance exp(−(p + q·F)/52) to stay unaware, and the model gives
(1 − p_w)·exp(−q_w·F). Equal for every F exactly when

    p_w = 1 − exp(−p/52),      q_w = q/52

(rescaling time by 52 divides both coefficients by 52; the ad is a chance per week, hence the
exponential; word of mouth is already a rate, because the stories are many independent small
chances). Assumptions: the published p and q are continuous-time coefficients per year (as in
the closed form; not probabilities per year), a year is 52 weeks, and the share F changes little
within one week — true when the weekly rates are small, which mapped published values always
are (q = 0.38 per year is 0.0073 per week).
"""

from __future__ import annotations

import math

import numpy as np

from . import i18n

WEEKS_PER_YEAR = 52


def weekly_rates(p: float, q: float, per_year: int = WEEKS_PER_YEAR,
                 lang: str = "en") -> tuple[float, float]:
    """(``ad_reach``, ``wom_rate``) per week for Bass's ``p`` and ``q`` published per year; a
    negative one raises ValueError in ``lang``."""
    if p < 0 or q < 0:
        raise ValueError(i18n.t("error.bass_negative", lang, p=p, q=q))
    return -math.expm1(-p / per_year), q / per_year


def yearly_rates(ad_reach: float, wom_rate: float,
                 per_year: int = WEEKS_PER_YEAR) -> tuple[float, float]:
    """The inverse of :func:`weekly_rates`: Bass's (p, q) per year for weekly rates."""
    return -per_year * math.log1p(-ad_reach), wom_rate * per_year


def closed_form(t, p: float, q: float):
    """Bass's continuous cumulative adoption F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t});
    ``t`` in the time unit of ``p`` and ``q``."""
    e = np.exp(-(p + q) * np.asarray(t, dtype=float))
    return (1 - e) / (1 + (q / p) * e)


def half_time(p: float, q: float) -> float:
    """When the closed form reaches F = 1/2: ln(2 + q/p)/(p + q) (never when p = 0)."""
    if p <= 0:
        return math.inf
    return math.log(2 + q / p) / (p + q)


def peak_time(p: float, q: float) -> float:
    """When new adopters peak in the closed form: ln(q/p)/(p + q) (0 when q <= p; never when
    p = 0)."""
    if p <= 0:
        return math.inf
    return max(0.0, math.log(q / p) / (p + q)) if q > 0 else 0.0


def weekly_recursion(p: float, q: float, weeks: int, n: int | None = None) -> np.ndarray:
    """F_1..F_weeks of the model's weekly process (module docstring); ``n`` people, or the
    many-people limit when ``n`` is None."""
    out, f = np.empty(weeks), 0.0
    for t in range(weeks):
        escape = math.exp(-q * f) if n is None else (1 - q / (n - 1)) ** (n * f)
        f = 1 - (1 - f) * (1 - p) * escape
        out[t] = f
    return out


def weekly_variance(p: float, q: float, weeks: int, n: int) -> np.ndarray:
    """Variance of F_t across seeds, week by week, for ``n`` people (linear noise
    approximation of the model's weekly process). The state is (A, U): the share who have
    bought and the share still unaware. Each week the ads reach a binomial share of the U·n
    unaware (they buy at once, as do those told last week): A ← 1 − U + r, U ← U − r; then
    each of them escapes the week's stories with chance e = exp(−q·A), a binomial draw:
    U ← U·e + w. Earlier deviations carry forward through the derivatives of these maps."""
    out = np.empty(weeks)
    a, u = 0.0, 1.0
    cov = np.zeros((2, 2))
    for t in range(weeks):
        ads = np.array([[0.0, -1.0], [0.0, 1.0]])  # A' = 1 - U + r, U' = U - r
        cov = ads @ cov @ ads.T + p * (1 - p) * u / n * np.array([[1.0, -1.0], [-1.0, 1.0]])
        a, u = 1 - u * (1 - p), u * (1 - p)
        e = math.exp(-q * a)
        talk = np.array([[1.0, 0.0], [-q * u * e, e]])  # U' = U·e(A) + w
        cov = talk @ cov @ talk.T + np.array([[0.0, 0.0], [0.0, u * e * (1 - e) / n]])
        u = u * e
        out[t] = cov[0, 0]
    return out


def estimation_form(p: float, q: float, weeks: int) -> np.ndarray:
    """F_1..F_weeks of Bass's discrete estimation form: new adopters
    S_t = (p + q·F_{t−1})(1 − F_{t−1}), F_t = F_{t−1} + S_t."""
    out, f = np.empty(weeks), 0.0
    for t in range(weeks):
        f = f + (p + q * f) * (1 - f)
        out[t] = f
    return out


def _half_week(curve: np.ndarray) -> float:
    """Week (interpolated) at which a weekly curve F_1, F_2, ... first reaches 1/2."""
    weeks = np.arange(0, len(curve) + 1)
    values = np.concatenate([[0.0], curve])
    i = int(np.argmax(values >= 0.5))
    if values[i] < 0.5:
        return math.nan
    return float(weeks[i - 1] + (0.5 - values[i - 1]) / (values[i] - values[i - 1]))


# Weekly (p, q) for the model guide's table: Bass's typical product mapped from per year, then
# ever faster products, up to the fastest word of mouth the model has (q = 1 per week).
GUIDE_PAIRS = (weekly_rates(0.03, 0.38), (0.005, 0.05), (0.01, 0.15), (0.03, 0.38), (0.05, 0.6),
               (0.1, 1.0))


def comparison(pairs=GUIDE_PAIRS) -> list[dict[str, float]]:
    """For weekly (p, q): the week half the market has adopted in the closed form, the model's
    weekly recursion and Bass's estimation form, and each form's largest gap to the closed
    form (as a share of the market), week by week until 99.9% have adopted."""
    rows = []
    for p, q in pairs:
        weeks = math.ceil(math.log(1000 * (1 + q / p)) / (p + q)) + 2  # closed form at 0.999
        closed = closed_form(np.arange(1, weeks + 1), p, q)
        rec, est = weekly_recursion(p, q, weeks), estimation_form(p, q, weeks)
        rows.append({"p": p, "q": q, "half_closed": half_time(p, q),
                     "half_recursion": _half_week(rec), "half_estimation": _half_week(est),
                     "gap_recursion": float(np.abs(rec - closed).max()),
                     "gap_estimation": float(np.abs(est - closed).max())})
    return rows
