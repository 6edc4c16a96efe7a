"""Named experiments of the course: exact presets the lessons' buttons load.

They are scenarios like any other (``sim.run("l3_honest_vs_overpromise")`` works), declared
here lesson by lesson so that ``sim/scenarios.py`` keeps the market's headline cases. Each ends,
in its lesson, with "Why?".
"""

from __future__ import annotations

from .scenarios import scenario

# --- Lesson 0: start here ---------------------------------------------------------------

# --- Lesson 1: customer, consumer, client -----------------------------------------------

# --- Lesson 2: types and characteristics of customers -------------------------------------

# --- Lesson 3: satisfaction ----------------------------------------------------------

# --- Lesson 4: loyalty and word of mouth ------------------------------------------------

# --- Lesson 5: product-centric vs customer-centric --------------------------------------

# --- Lesson 6: the money side ---------------------------------------------------------

# --- Lesson 7: when to switch -----------------------------------------------------------

# --- Lesson 8: your strategy ------------------------------------------------------------

__all__ = ["scenario"]
