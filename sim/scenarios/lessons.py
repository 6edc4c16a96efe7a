"""The course's named experiments: the presets the lessons' buttons load, lesson by lesson.

They are scenarios like any other (``sim.run("l3_honest_vs_overpromise")`` works). Most retell
a headline market (``market.py``) with a lesson's own story, or change one or two settings of
it; each ends, in its lesson, with "Why?". Texts: ``scenario.<name>.*`` in the catalogues.
"""

from __future__ import annotations

import re

from . import market  # noqa: F401  (the bases are declared there)
from .registry import SCENARIOS, declare

# --- Lesson 1: customer, consumer, client ----------------------------------------------------
declare("l1_gift_street", "gift_shop")
declare("l1_own_use", "l1_gift_street", {"gift_share": 0.0})
declare("l1_one_consultant", "service_business", {"seller2.staff": 1})
declare("l1_four_consultants", "l1_one_consultant", {"seller2.staff": 4})

# --- Lesson 2: types and characteristics of customers ----------------------------------------
declare("l2_agents", "reseller_network")
declare("l2_agents_unsupported", "l2_agents", {"seller2.agent_support": 0})
declare("l2_impulsive_street", "head_to_head", {"share_impulsive": 0.8, "share_thrifty": 0.0})
declare("l2_bargain_hunters", "head_to_head", {"share_impulsive": 0.0, "share_thrifty": 0.8})
# C7: thrifty customers buy on promotions; the same town without the newcomer discount
declare("l2_bargain_no_discount", "l2_bargain_hunters", {"seller1.acquisition_discount": 0.0})
# C6: ten independent resellers between two equal brands; then one brand leaves them more margin
declare("l2_independents", "twins", {"independents": 10})
declare("l2_independents_margin", "l2_independents", {"seller1.agent_price": 0.7})
# C7: new customers ask many questions; what answering them costs (3 thousand rupiah by default)
declare("l2_free_questions", "head_to_head", {"question_cost": 0.0})
declare("l2_many_questions", "head_to_head", {"question_cost": 10.0})

# --- Lesson 3: satisfaction ------------------------------------------------------------------
declare("l3_honest_vs_overpromise", "over_promiser")
declare("l3_demanding_customers", "l3_honest_vs_overpromise",
        {"disconfirmation_weight": 2.0, "loss_aversion": 4.0, "wom_negative_weight": 3.0})
# when over-promising pays: shortfalls weigh no more than surprises, and newcomers read no reviews
declare("l3_trusting_customers", "l3_honest_vs_overpromise",
        {"loss_aversion": 1.0, "review_weight": 0.0})
declare("l3_late_courier", "careless_product", {"delivery_reliability": 0.6})
# C15's counter-case: the same late courier for two shops run with the same care
declare("l3_shared_late_courier", "head_to_head", {"delivery_reliability": 0.6})

# --- Lesson 4: loyalty and word of mouth -----------------------------------------------------
declare("l4_word_spreads", "diffusion", {"n_customers": 1000})
declare("l4_friends_only", "l4_word_spreads", {"network": "small_world"})
declare("l4_quiet_town", "head_to_head",
        {"seller2.ad_reach": 0.005, "wom_rate": 0.0, "review_rate": 0.0})
declare("l4_talkative_town", "l4_quiet_town", {"wom_rate": 0.8, "review_rate": 0.1})
declare("l4_pizza_regulars", "pizza_shop")
declare("l4_pizza_no_loyalty", "l4_pizza_regulars", {"loyalty_gain": 0.0})
# C10: newcomers who ignore the public review score (they read it halfway by default), with the
# careless shop of lesson 3 and with that shop and a late courier
declare("l4_stars_ignored", "careless_product", {"review_weight": 0.0})
declare("l4_late_stars_ignored", "l3_late_courier", {"review_weight": 0.0})

# --- Lesson 5: product-centric vs customer-centric -------------------------------------------
declare("l5_first_quarter", "head_to_head", {"weeks": 13})
# a fad: one need for all, novelty pulls hard, most buy on impulse
declare("l5_fad_market", "head_to_head",
        {"n_segments": 1, "segment_spread": 0.0, "fit_width": 0.5, "novelty_weight": 1.0,
         "share_impulsive": 0.7, "share_thrifty": 0.1})
declare("l5_fad_one_year", "l5_fad_market", {"weeks": 52})
# C14: the customer-centric seller's habits switched off one at a time (everything else as in
# head_to_head): ads aimed at its segment, CRM offers to quiet customers, answering complaints
declare("l5_no_targeting", "head_to_head", {"seller2.targeting": 0.0})
declare("l5_no_crm", "head_to_head", {"seller2.crm_offer": 0.0})
declare("l5_no_complaints", "head_to_head", {"seller2.complaint_handling": 0.0})
# C1: the product-centric seller without its launches, in the fad and in the ordinary market
declare("l5_fad_no_launches", "l5_fad_market", {"seller1.launch_every": 0})
declare("l5_no_launches", "head_to_head", {"seller1.launch_every": 0})

# --- Lesson 6: the money side ----------------------------------------------------------------
declare("l6_discounts", "head_to_head",
        {"seller1.acquisition_discount": 0.4, "share_thrifty": 0.5})
declare("l6_pizza_range", "pizza_shop")
declare("l6_too_many_lines", "l6_pizza_range", {"seller2.product_lines": 8})
declare("l6_friends_alike", "head_to_head", {"homophily": 1.0})  # friends share needs
# C11: keeping a customer against winning one, with the customer-centric shop's CRM offer (on in
# head_to_head, off in l5_no_crm): a generous offer; and a market where winning a customer is
# dear (ads cost five times as much) and needs come seldom (quiet customers lapse more often)
declare("l6_generous_crm", "head_to_head", {"seller2.crm_offer": 0.3})
declare("l6_costly_ads", "head_to_head", {"contact_cost": 15.0, "need_rate": 0.08})
declare("l6_costly_ads_no_crm", "l6_costly_ads", {"seller2.crm_offer": 0.0})
# C12: the pizza shop's bundle lock-in (0.1 in l6_pizza_range) raised and switched off
declare("l6_pizza_locked", "l6_pizza_range", {"seller2.bundle": 0.3})
declare("l6_pizza_unlocked", "l6_pizza_range", {"seller2.bundle": 0.0})

# --- Lesson 7: when to switch ----------------------------------------------------------------
SWITCH_IN_THE_FAD = {"seller1.strategy": "switch", "seller1.switch_week": 13,
                     "seller2.strategy": "product"}
declare("l7_usual_market", "switch")
declare("l7_fad_year", "l5_fad_one_year", SWITCH_IN_THE_FAD)
declare("l7_fad_two_years", "l5_fad_market", SWITCH_IN_THE_FAD)
# A beginner (C3): little cash, i.e. about half of what the customer-centric start's research
# alone costs (8 weeks x 60 thousand rupiah), and/or a trade learnt halfway only after 100 sales
# (some five weeks of a product-centric beginner's sales). The rival keeps the default cash.
declare("l7_little_cash", "l7_usual_market", {"seller1.starting_cash": 250})
declare("l7_slow_learner", "l7_usual_market", {"learning_half_life": 100})
declare("l7_beginner", "l7_little_cash", {"learning_half_life": 100})

# --- Lesson 8: your strategy (you are seller 1, customer-centric to start) -------------------
for rival in ("product", "customer", "switch"):
    declare(f"l8_vs_{rival}", "twins", {"seller2.strategy": rival})


# --- Which presets a lesson's dashboards offer -----------------------------------------------
# scenarios a lesson's text sends the learner to besides its own ``l<N>_`` experiments (headline
# markets, an earlier lesson's experiment); tests/test_ui.py checks every name a lesson uses
ALSO_IN_LESSON = {0: ("head_to_head", "twins", "diffusion"), 1: ("service_business",),
                  2: ("head_to_head",),
                  3: ("head_to_head", "careless_product"),
                  4: ("head_to_head", "bass_typical", "careless_product", "l3_late_courier"),
                  5: ("head_to_head", "careless_product", "crowded_market"),
                  6: ("l4_pizza_no_loyalty", "head_to_head", "l5_no_crm")}


def lesson_of(name: str) -> int | None:
    """The lesson an experiment belongs to, by its ``l<N>_`` prefix (None: a headline one)."""
    match = re.match(r"l(\d+)_", name)
    return int(match.group(1)) if match else None


def lesson_presets(lesson: int) -> list[str]:
    """The scenarios lesson ``lesson``'s dashboards offer: those its text names from elsewhere,
    then its own experiments."""
    own = [n for n in SCENARIOS if lesson_of(n) == lesson]
    return list(dict.fromkeys([*ALSO_IN_LESSON.get(lesson, ()), *own]))
