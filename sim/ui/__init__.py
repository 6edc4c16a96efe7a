"""Pasar's widgets for notebooks and Voila: dashboards, comparisons, and learning widgets.

The model core never imports this package; it needs the ``course`` extras (ipywidgets,
plotly, anywidget). Every learner-visible string comes from ``sim/locales/<lang>.json``
(keys ``ui.*``); quiz, prediction and glossary texts from ``lessons/<lang>/``.

    import sim.ui as ui
    ui.dashboard("head_to_head", lang="id")          # the full dashboard
    ui.compare_view(["head_to_head", "switch"])      # strategies over several seeds
    ui.sweep_view("seller1.switch_week", [0, 13, 26, 52])
    ui.survival_view(plans, "seller1.starting_cash", [250, 1000])   # who stays open, per plan
    ui.regime_map("head_to_head", x=("wom_rate", [0.1, 0.5]), y=("weeks", [26, 104]))
    ui.decompose_view("careless_product")            # which lever group made the gap
    ui.predict("05", "p1"); ui.quiz("05"); ui.glossary(["clv", "cac"]); ui.by_hand("clv")
    ui.bass_rates(p=0.03, q=0.38)                     # Bass's p, q per year -> per week
    ui.class_view("class")                            # the trainer's live view of the class
    rosa = ui.shop("sari_sari"); ui.shop_question(rosa)   # lesson 9: your own shop
    ui.shop_difference(rosa)                              # what made its head to head's gap
"""

from .bass import bass_rates
from .charts import CHARTS
from .compare import compare_view, sweep_view
from .dashboard import Dashboard, dashboard
from .decompose import decompose_view
from .learning import by_hand, glossary, predict, preset_buttons, quiz
from .regimes import regime_map
from .sandbox import sandbox
from .shop import (
    ShopDifference,
    ShopQuestion,
    ShopRegimes,
    ShopView,
    shop,
    shop_difference,
    shop_question,
    shop_regimes,
)
from .survival import survival_view
from .trainer import ClassView, class_view

__all__ = ["CHARTS", "ClassView", "Dashboard", "ShopDifference", "ShopQuestion", "ShopRegimes",
           "ShopView", "bass_rates", "by_hand", "class_view", "compare_view", "dashboard",
           "decompose_view", "glossary", "predict", "preset_buttons", "quiz", "regime_map",
           "sandbox", "shop", "shop_difference", "shop_question", "shop_regimes",
           "survival_view", "sweep_view"]
