"""Pasar: a Mesa agent-based market of customers and sellers.

Quick use::

    import sim
    result = sim.run("head_to_head", seed=1)
    print(result.summary())          # or result.summary("id")
    result.weekly                    # one row per week and seller
    live = sim.Simulation({"weeks": 52}, seed=1); live.advance(10)   # or week by week
    sim.regimes("head_to_head", x=("wom_rate", [0.1, 0.5]), y=("weeks", [26, 104]))
    rosa = sim.example_shop("sari_sari")   # or sim.Shop(price=..., buyers_per_week=..., ...)
    fit = sim.calibrate(rosa); print(fit.report())   # the market fitted to a learner's shop
    for answer in sim.strategy_question(fit): print(answer and answer.text())

See ``sim/README.md`` for the model guide (what it is, how it works, the formulas).
"""

from .calibration import Calibration, calibrate
from .decompose import decompose
from .engine import Simulation
from .i18n import t
from .model import MarketModel
from .params import PARAMS, ParameterError
from .params import params as _param_table
from .question import strategy_question
from .regimes import regimes
from .runner import RunResult, compare, run, survival, sweep
from .scenarios import SCENARIOS
from .scenarios import scenarios as _scenario_table
from .shop import Shop, example_shop, load_shop, save_shop


def params(lang: str = "en", group: str | None = None):
    """The parameters (name, group, default, range, unit, label, help) as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(_param_table(lang, group))


def scenarios(lang: str = "en"):
    """The named scenarios (name, title, story, what to look for) as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(_scenario_table(lang))


__all__ = ["Calibration", "MarketModel", "PARAMS", "ParameterError", "RunResult", "SCENARIOS",
           "Shop", "Simulation", "calibrate", "compare", "decompose", "example_shop", "load_shop",
           "params", "regimes", "run", "save_shop", "scenarios", "strategy_question", "survival",
           "sweep",
           "t"]
