"""The dashboard's live market: the core run engine, stepped as the learner watches.

``LiveRun`` is :class:`sim.engine.Simulation` (``advance(week)``, ``snapshot()``, ``result()``),
the same engine ``sim.run`` uses, so a live run and ``sim.run`` give the same tables for the same
parameters and seed. Kept under this name for the dashboard and older notebooks.
"""

from __future__ import annotations

from ..engine import FLOW_COLUMNS, Simulation, Snapshot

LiveRun = Simulation

__all__ = ["FLOW_COLUMNS", "LiveRun", "Snapshot"]
