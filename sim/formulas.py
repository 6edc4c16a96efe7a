"""Small pure formulas of the model that the customer uses and teaching widgets show on their own.

The satisfaction rule lives in :func:`sim.customers.judge` and lifetime value in
:func:`sim.metrics.clv`; this module holds the choice rule.
"""

from __future__ import annotations

import math


def choice_weights(values: list[float], outside_option: float, sharpness: float) -> list[float]:
    """Multinomial logit (McFadden 1974): option k weighs exp(sharpness·(v_k − outside));
    buying nothing weighs 1."""
    return [math.exp(sharpness * (v - outside_option)) for v in values]


def choice_probabilities(values: list[float], outside_option: float,
                         sharpness: float) -> list[float]:
    """One probability per option, then that of buying nothing (what
    :meth:`sim.customers.Customer.choose` draws from)."""
    weights = choice_weights(values, outside_option, sharpness)
    total = 1.0 + sum(weights)
    return [wt / total for wt in weights] + [1.0 / total]
