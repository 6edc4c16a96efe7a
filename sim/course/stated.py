"""What the lessons state about the model: each statement a named result of the runs that the
lesson's widget shows (same variants, same seeds), rendered into the texts between
``<!-- pasar:result NAME -->`` markers by ``python -m sim.course.answers``.

A name starts with its lesson (``l7_...``); its runs are written exactly as the lesson's widget
is called (``ui.compare_view([...], seeds=10, ...)`` is ``Compare.of([...], ...)``), and
``tests/test_course_results.py`` checks that the lesson has that widget (or prediction).

:data:`TRIES` are the answers to each notebook's *Things to try*: the learner's own change to a
preset, run over the course's seeds. No widget of the lesson shows them (the learner makes the
change in the dashboard), so they are stated only in the lesson's facilitator guides, in their
*Things to try: solutions* section (a test checks).
"""

from __future__ import annotations

from dataclasses import replace

from .results import Compare, Decompose, Said, SaidParts, ShopParts, Sweep

SWITCH_WEEKS = (0, 13, 26, 52)
HEAD_TO_HEAD = Compare.of(["head_to_head"])
GIFTS = Compare.of({"label.gifts": "l1_gift_street", "label.own_use": "l1_own_use"},
                   seller="seller2")
SHARP = {"n_segments": 6, "segment_spread": 0.02}  # recipients' needs sharp and scattered
GIFTS_SHARP = Compare.of({"label.gifts": {"scenario": "l1_gift_street", **SHARP},
                          "label.own_use": {"scenario": "l1_own_use", **SHARP}},
                         seller="seller2")
STAFF = Sweep("seller2.staff", (1, 4, 8), "l1_one_consultant", seller="seller2",
              label="result.label.staff")
IMPULSE = Compare.of(["l2_impulsive_street"])
AGENTS = Compare.of({"label.supported": "l2_agents", "label.unsupported": "l2_agents_unsupported"},
                    seller="seller2")
BARGAINS = {"label.with_discount": "l2_bargain_hunters",
            "label.no_discount": "l2_bargain_no_discount"}  # C7: thrifty customers, promotions
BARGAIN_CUSTOMERS = Compare.of(BARGAINS, metric="customers_active", seller="seller1")
BARGAIN_PROFIT = Compare.of(BARGAINS, seller="seller1")
HONEST_1 = {"seller1.promise_gap": 0.0}  # seller 1 stops over-promising
PROMISES = Compare.of({"label.forgiving_overpromise": "l3_honest_vs_overpromise",
                       "label.forgiving_honest": {"scenario": "l3_honest_vs_overpromise",
                                                  **HONEST_1},
                       "label.demanding_overpromise": "l3_demanding_customers",
                       "label.demanding_honest": {"scenario": "l3_demanding_customers",
                                                  **HONEST_1}}, seller="seller1")
TRUSTING = Compare.of({"label.trusting_overpromise": "l3_trusting_customers",
                       "label.trusting_honest": {"scenario": "l3_trusting_customers",
                                                 **HONEST_1}}, seller="seller1")
COURIER = Compare.of({"label.on_time": "careless_product",
                      "label.late_courier": "l3_late_courier"})
TOWNS = Compare.of({"label.talkative": "l4_talkative_town", "label.quiet": "l4_quiet_town"},
                   seller="seller2")
TALK = Compare.of({"label.talk": "head_to_head",
                   "label.silent": {"scenario": "head_to_head", "wom_rate": 0.0}},
                  seller="seller2")
STARS = Compare.of({"label.reviews_read": "careless_product",  # C10: newcomers read the stars
                    "label.reviews_ignored": "l4_stars_ignored"},
                   metric="customers_active", seller="seller2")
LATE_STARS = {"label.reviews_read": "l3_late_courier",
              "label.reviews_ignored": "l4_late_stars_ignored"}
LATE_STARS_CUSTOMERS = Compare.of(LATE_STARS, metric="customers_active", seller="seller1")
LATE_STARS_PROFIT = Compare.of(LATE_STARS, seller="seller1")
FAD = Compare.of(["l5_fad_market"])
FAD_YEAR = Compare.of(["l5_fad_one_year"])
PARTS = Decompose("careless_product")  # what made seller 2's lead over a careless seller 1
FAIR_PARTS = Decompose("head_to_head")  # the same, both shops run with the same care
DISCOUNT = Compare.of({"label.with_discount": "l6_discounts",
                       "label.no_discount": {"scenario": "l6_discounts",
                                             "seller1.acquisition_discount": 0.0}},
                      seller="seller1")
LINES = Sweep("seller2.product_lines", (1, 3, 5, 8), "l6_pizza_range", seller="seller2",
              label="result.label.lines")
USUAL = Sweep("seller1.switch_week", SWITCH_WEEKS, "l7_usual_market",
              label="result.label.switch_week")
FAD_SWITCH = Sweep("seller1.switch_week", SWITCH_WEEKS, "l7_fad_year",
                   label="result.label.switch_week")
FAD_SWITCH_LONG = Sweep("seller1.switch_week", SWITCH_WEEKS, "l7_fad_two_years",
                        label="result.label.switch_week")
RIVALS = Compare.of(["l8_vs_product", "l8_vs_customer", "l8_vs_switch"])
HONEST = Compare.of({"honest": {"scenario": "careless_product", "seller1.promise_gap": 0.0},
                     "overpromise": {"scenario": "careless_product",
                                     "seller1.promise_gap": 0.15}},
                    seller="seller1")  # prediction 1 of lesson 8
# lesson 9: what made the difference in Bu Ratna's head to head, on the shop widgets' 5 seeds
RATNA_PARTS = ShopParts("batik")

RESULTS: dict[str, Said | SaidParts] = {
    "l0_week20": Said(HEAD_TO_HEAD, weeks=20),
    "l0_end": Said(HEAD_TO_HEAD),
    "l1_gifts": Said(GIFTS),
    "l1_gifts_sharp": Said(GIFTS_SHARP),
    "l1_staff": Said(STAFF),
    "l2_impulse_quarter": Said(IMPULSE, weeks=13),
    "l2_impulse_end": Said(IMPULSE),
    "l2_agents": Said(AGENTS),
    "l2_bargain_quarter": Said(BARGAIN_CUSTOMERS, weeks=13),
    "l2_bargain_end": Said(BARGAIN_CUSTOMERS),
    "l2_bargain_profit": Said(BARGAIN_PROFIT),
    "l3_forgiving": Said(PROMISES, only=("label.forgiving_overpromise",
                                          "label.forgiving_honest")),
    "l3_demanding": Said(PROMISES, only=("label.demanding_overpromise",
                                          "label.demanding_honest")),
    "l3_trusting": Said(TRUSTING),
    "l3_courier_customer": Said(COURIER, only=(("label.on_time", "seller2"),
                                                ("label.late_courier", "seller2"))),
    "l3_courier_product": Said(COURIER, only=(("label.on_time", "seller1"),
                                               ("label.late_courier", "seller1"))),
    "l4_towns": Said(TOWNS),
    "l4_talk": Said(TALK),
    "l4_stars_quarter": Said(STARS, weeks=13),
    "l4_stars_end": Said(STARS),
    "l4_late_stars_quarter": Said(LATE_STARS_CUSTOMERS, weeks=13),
    "l4_late_stars_profit": Said(LATE_STARS_PROFIT),
    "l5_quarter": Said(HEAD_TO_HEAD, weeks=13),
    "l5_end": Said(HEAD_TO_HEAD),
    "l5_fad": Said(FAD),
    "l5_fad_year": Said(FAD_YEAR),
    "l5_parts": Said(PARTS, only=("operations", "strategy")),
    "l5_fair_parts": Said(FAIR_PARTS, only=("strategy", "operations")),
    "l6_discount": Said(DISCOUNT),
    "l6_lines": Said(LINES),
    "l7_usual": Said(USUAL),
    "l7_fad": Said(FAD_SWITCH),
    "l7_fad_long": Said(FAD_SWITCH_LONG),
    "l8_vs_product": Said(RIVALS, only=(("l8_vs_product", "seller1"),
                                         ("l8_vs_product", "seller2"))),
    "l8_vs_customer": Said(RIVALS, only=(("l8_vs_customer", "seller1"),
                                          ("l8_vs_customer", "seller2"))),
    "l8_vs_switch": Said(RIVALS, only=(("l8_vs_switch", "seller1"),
                                        ("l8_vs_switch", "seller2"))),
    "l8_honest": Said(HONEST),
    "l9_ratna_parts": SaidParts(RATNA_PARTS),
}

# --- the notebooks' *Things to try*, answered in the facilitator guides --------------------------
def _with(scenario: str, **changes) -> dict:
    """A preset with the learner's change (``seller2__research_weeks`` for
    ``seller2.research_weeks``)."""
    return {"scenario": scenario, **{k.replace("__", "."): v for k, v in changes.items()}}


GIFT_SHARES = Compare.of({"label.try.gifts_30": _with("l1_gift_street", gift_share=0.3),
                          "label.try.gifts_90": _with("l1_gift_street", gift_share=0.9)},
                         seller="seller2")
AGENT_MARGIN = Compare.of({"label.supported": "l2_agents",
                           "label.try.agent_margin": _with("l2_agents", seller2__agent_price=0.6)},
                          seller="seller2")
UNDERPROMISE = Compare.of({"label.honest": _with("l3_honest_vs_overpromise",
                                                 seller1__promise_gap=0.0),
                           "label.try.underpromise": _with("l3_honest_vs_overpromise",
                                                           seller1__promise_gap=-0.1)},
                          seller="seller1", metric="satisfaction_mean")
HARSH = Compare.of({"label.talkative": "l4_talkative_town",
                    "label.try.harsh": _with("l4_talkative_town", wom_negative_weight=3.0)})
SWITCH_IN = {"one_segment": _with("l7_usual_market", n_segments=1),  # lesson 7's sweep, changed
             "quiet_talk": _with("l7_usual_market", wom_rate=0.05),
             "customer_rival": _with("l7_usual_market", seller2__strategy="customer")}


def _switch_sweep(base: dict) -> Sweep:
    return Sweep("seller1.switch_week", SWITCH_WEEKS, base, label="result.label.switch_week")


TRIES: dict[str, Said] = {
    "l0_try_twins": Said(Compare.of({"label.try.twins": _with("head_to_head",
                                                               seller1__strategy="customer")})),
    "l1_try_gift_share": Said(GIFT_SHARES),
    "l1_try_gift_share_mood": Said(replace(GIFT_SHARES, metric="satisfaction_mean")),
    "l1_try_staff_price": Said(Sweep("seller2.staff", (1, 4, 8),
                                     _with("l1_one_consultant", seller2__price=200),  # the top
                                     seller="seller2", label="result.label.staff")),
    "l1_try_service_clients": Said(Compare.of(["service_business"], metric="customers_active")),
    "l2_try_bargain": Said(Compare.of(["l2_bargain_hunters"], metric="customers_active")),
    "l2_try_no_impulse": Said(Compare.of({"label.try.no_impulse": _with(
        "l2_impulsive_street", share_impulsive=0.0)}), weeks=12),
    "l2_try_agent_margin": Said(AGENT_MARGIN),
    "l2_try_agent_margin_agents": Said(replace(AGENT_MARGIN, metric="tied_agents_active")),
    "l3_try_underpromise": Said(UNDERPROMISE),
    "l3_try_underpromise_trial": Said(replace(UNDERPROMISE, metric="customers_active"), weeks=4),
    "l3_try_reviews": Said(Compare.of({"label.overpromise": "l3_honest_vs_overpromise",
                                       "label.try.trusted_reviews": _with(
                                           "l3_honest_vs_overpromise", review_weight=0.9)},
                                      seller="seller1", metric="satisfaction_mean")),
    "l3_try_service": Said(Compare.of({"label.late_courier": "l3_late_courier",
                                       "label.try.good_service": _with(
                                           "l3_late_courier", seller2__service_level=0.9)},
                                      seller="seller2")),
    "l4_try_harsh_product": Said(HARSH, only=(("label.talkative", "seller1"),
                                              ("label.try.harsh", "seller1"))),
    "l4_try_harsh_customer": Said(HARSH, only=(("label.talkative", "seller2"),
                                               ("label.try.harsh", "seller2"))),
    "l5_try_long_research": Said(Compare.of({"label.try.research_26": _with(
        "head_to_head", seller2__research_weeks=26)})),
    "l5_try_careless": Said(Compare.of(["careless_product"])),
    "l5_try_crowded": Said(Compare.of(["crowded_market"], metric="open")),
    "l5_try_crowded_profit": Said(Compare.of(["crowded_market"])),
    "l6_try_thrifty": Said(Compare.of({"label.with_discount": _with("l6_discounts",
                                                                    share_thrifty=0.8),
                                       "label.no_discount": _with(
                                           "l6_discounts", share_thrifty=0.8,
                                           seller1__acquisition_discount=0.0)},
                                      seller="seller1")),
    "l6_try_dilution": Said(Sweep("seller2.product_lines", (1, 3, 5, 8),
                                  _with("l6_pizza_range", seller2__line_dilution=0.005),
                                  seller="seller2", label="result.label.lines")),
    "l6_try_bundle": Said(Compare.of(["l6_pizza_unlocked", "l6_pizza_locked"], seller="seller2",
                                     metric="customers_active")),
    **{f"l7_try_{name}": Said(_switch_sweep(base)) for name, base in SWITCH_IN.items()},
    "l7_try_patient": Said(Compare.of({"label.try.debt_4": _with("l7_beginner",
                                                                 seller1__switch_week=0),
                                       "label.try.debt_8": _with("l7_beginner",
                                                                 seller1__switch_week=0,
                                                                 bust_weeks=8)},
                                      seller="seller1", metric="open")),
}

__all__ = ["RESULTS", "TRIES"]
