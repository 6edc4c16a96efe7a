"""Small pure formulas of the model that the customer uses and teaching widgets show on their own.

The satisfaction rule lives in :func:`sim.customers.judge` and lifetime value in
:func:`sim.metrics.clv`; this module holds the choice rule.
"""

from __future__ import annotations

import math


def logit_weights(values: list[float], outside_option: float,
                  sharpness: float) -> tuple[list[float], float]:
    """Multinomial logit (McFadden 1974) in a numerically stable form: option k has the score
    z_k = sharpness·(v_k − outside), buying nothing z = 0; every weight is exp(z − z_max), so
    the largest is 1 and no exponent can overflow (the log-sum-exp shift). Returns the weights
    of the options and that of buying nothing; probabilities are weights over their sum."""
    exp = math.exp
    if len(values) == 1:  # the common case, kept cheap: it runs at every purchase decision
        z = sharpness * (values[0] - outside_option)
        return ([1.0], exp(-z)) if z > 0.0 else ([exp(z)], 1.0)
    scores = [sharpness * (v - outside_option) for v in values]
    top = max(scores)
    if top > 0.0:
        return [exp(z - top) for z in scores], exp(-top)
    return [exp(z) for z in scores], 1.0  # nothing to shift: buying nothing is the largest


def choice_probabilities(values: list[float], outside_option: float,
                         sharpness: float) -> list[float]:
    """One probability per option, then that of buying nothing (what
    :meth:`sim.customers.Customer.choose` draws from)."""
    weights, nothing = logit_weights(values, outside_option, sharpness)
    total = nothing + sum(weights)
    return [wt / total for wt in weights] + [nothing / total]
