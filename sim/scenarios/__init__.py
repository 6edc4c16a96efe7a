"""Named scenarios: the market's headline cases (``market.py``) and the lessons' experiments
(``lessons.py``), each declared as the scenario it is ``based_on`` plus what it changes.

``SCENARIOS`` maps every name to its :class:`Scenario`; ``get(name)`` fails with the valid
names; ``scenarios(lang)`` is the table of names and texts. The texts live in the catalogues
(``scenario.<name>.title|story|look_for``).
"""

from __future__ import annotations

from . import lessons, market  # noqa: F401  (declaring registers; lessons builds on market)
from .registry import SCENARIOS, Scenario, declare, get, scenarios

__all__ = ["SCENARIOS", "Scenario", "declare", "get", "scenarios"]
