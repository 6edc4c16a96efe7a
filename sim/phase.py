"""Which strategy bundle a seller plays from, week by week: the rule, written once.

A product-centric or customer-centric seller plays its own bundle all along. A *switch* seller
is product-centric before its switch week and customer-centric from that week on.
"""

from __future__ import annotations

PRODUCT, CUSTOMER, SWITCH = "product", "customer", "switch"


def phase_of(strategy: str, week: int | None = None, switch_week: int = 0) -> str:
    """The phase (``"product"`` or ``"customer"``) of a seller with ``strategy`` in ``week``
    (None: before the market opens, when a switch seller is still product-centric)."""
    if strategy != SWITCH:
        return strategy
    return CUSTOMER if week is not None and week >= switch_week else PRODUCT


def switch_week(values: dict, seller: int) -> int | None:
    """The week seller ``seller`` (1-based) turns customer-centric, or None if it never
    switches (from validated parameter values)."""
    if values[f"seller{seller}.strategy"] != SWITCH:
        return None
    return values[f"seller{seller}.switch_week"]
