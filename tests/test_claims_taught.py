"""What lessons 1-7 say about each claim's experiment and its counter-case (issue 11 §4) is what
the model does over the seeds the lesson's chart shows (1-10).

Each test states a sentence of a lesson as numbers: on which side the 95% bands of the compare
view fall ("bands apart" / "no clear difference") and in how many of the 10 paired seeds one
side came out ahead. A change to the model that moves a result fails here, naming the lesson
whose text must then follow the evidence. The table of claims, lessons and experiments is in
``lessons/README.md``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

import sim
from sim.runner import band

SEEDS = tuple(range(1, 11))  # the compare views' seeds=10


@cache
def weekly(name: str) -> pd.DataFrame:
    """Every seller's weeks in scenario ``name`` over the lessons' seeds."""
    return sim.compare({name: name}, seeds=SEEDS, runs=True)


@cache
def finals(name: str) -> pd.DataFrame:
    """Every seller's last week in scenario ``name`` over the lessons' seeds."""
    runs = weekly(name)
    last = runs[runs.week == runs.week.max()]
    return last.set_index(["seller", "seed"]).sort_index()


def outcome(name: str, seller: str, metric: str) -> pd.Series:
    return finals(name).loc[seller][metric]


def total(name: str, seller: str, metric: str) -> pd.Series:
    """A weekly count (units resold, customers won or lost in the week) summed over the run,
    per seed."""
    runs = weekly(name)
    return runs[runs.seller == seller].groupby("seed")[metric].sum()


def at_week(name: str, seller: str, metric: str, weeks: int) -> pd.Series:
    """``seller``'s ``metric`` after ``weeks`` weeks in scenario ``name``, per seed (the
    lessons' "after the first quarter" is weeks=13)."""
    runs = weekly(name)
    return runs[(runs.seller == seller) & (runs.week == weeks - 1)].set_index("seed")[
        metric].sort_index()


def verdict(a: str, b: str, seller: str, metric: str) -> tuple[int, bool]:
    """(in how many seeds ``a`` beat ``b``, whether their 95% bands are apart)."""
    return judge(outcome(a, seller, metric), outcome(b, seller, metric))


def judge(x: pd.Series, y: pd.Series) -> tuple[int, bool]:
    """(in how many paired seeds ``x`` beat ``y``, whether their 95% bands are apart)."""
    _, x_low, x_high = band(x)
    _, y_low, y_high = band(y)
    return int((x > y).sum()), bool(x_low > y_high or y_low > x_high)


# --- Lesson 5, experiment 4 (C14): three habits of the customer-centric shop ---------------

def test_l5_unanswered_complaints_lose_customers_and_profit():
    assert verdict("head_to_head", "l5_no_complaints", "seller2", "customers_active") == (10, True)
    assert verdict("head_to_head", "l5_no_complaints", "seller2", "cumulative_profit") == (8, True)


def test_l5_unaimed_ads_cost_profit_not_customers():
    assert verdict("head_to_head", "l5_no_targeting", "seller2", "cumulative_profit") == (9, True)
    assert not verdict("head_to_head", "l5_no_targeting", "seller2", "customers_active")[1]


def test_l5_crm_offer_is_the_counter_case():
    assert verdict("l5_no_crm", "head_to_head", "seller2", "cumulative_profit") == (9, False)
    assert not verdict("l5_no_crm", "head_to_head", "seller2", "customers_active")[1]


# --- Lesson 5, experiment 5 (C1): launches on and off -----------------------------------

def test_l5_launches_pay_in_the_fad_seed_by_seed():
    assert verdict("l5_fad_market", "l5_fad_no_launches", "seller1",
                   "cumulative_profit") == (10, False)


def test_l5_launches_cost_customers_in_the_ordinary_market():
    assert verdict("l5_no_launches", "head_to_head", "seller1", "customers_active") == (10, True)
    assert verdict("l5_no_launches", "head_to_head", "seller1",
                   "cumulative_profit") == (9, False)


@pytest.mark.parametrize("name", ["l5_no_targeting", "l5_no_crm", "l5_no_complaints",
                                  "l5_fad_no_launches", "l5_no_launches",
                                  "l3_shared_late_courier", "l2_independents",
                                  "l2_independents_margin", "l6_generous_crm",
                                  "l6_costly_ads_no_crm", "l6_pizza_locked",
                                  "l6_pizza_unlocked", "l2_free_questions",
                                  "l2_many_questions", "l2_bargain_no_discount",
                                  "l4_stars_ignored", "l4_late_stars_ignored"])
def test_each_experiment_changes_one_lever(name):
    changes = sim.SCENARIOS[name].changes
    assert len(changes) == 1, changes


# --- Lesson 3, experiment 3 (C15): one late courier for both careful shops ---------------

def test_l3_a_late_courier_costs_each_shop():
    assert verdict("head_to_head", "l3_shared_late_courier", "seller2",
                   "cumulative_profit") == (10, True)
    assert verdict("head_to_head", "l3_shared_late_courier", "seller1",
                   "cumulative_profit") == (9, True)


@pytest.mark.parametrize("name", ["head_to_head", "l3_shared_late_courier"])
def test_l3_a_shared_courier_does_not_change_who_wins(name):
    ahead, behind = outcome(name, "seller2", "cumulative_profit"), \
        outcome(name, "seller1", "cumulative_profit")
    assert int((ahead > behind).sum()) == 10
    assert band(ahead)[1] > band(behind)[2]


# --- Lesson 3, when it does not hold (C8): where over-promising pays -----------------------

def promise_profits(scenario: str) -> tuple[pd.Series, pd.Series]:
    """Seller 1's two-year profit per seed, over-promising (the scenario) and honest."""
    runs = sim.compare({"over": scenario,
                        "honest": {"scenario": scenario, "seller1.promise_gap": 0.0}},
                       seeds=SEEDS, runs=True)
    last = runs[(runs.week == runs.week.max()) & (runs.seller == "seller1")]
    profit = last.set_index(["variant", "seed"]).cumulative_profit
    return profit.loc["over"], profit.loc["honest"]


def test_l3_over_promising_pays_with_trusting_customers():
    """Lesson 3: "the big promise earned more than honesty" where shortfalls weigh no more than
    surprises and newcomers read no reviews; the seed-by-seed gap's band is above zero."""
    over, honest = promise_profits("l3_trusting_customers")
    _, low, _ = band(over - honest)
    assert (over > honest).sum() >= 8 and low > 0


def test_l3_over_promising_does_not_pay_with_demanding_customers():
    """The same lesson's other side: with demanding customers honesty earned more."""
    over, honest = promise_profits("l3_demanding_customers")
    _, _, high = band(over - honest)
    assert (honest > over).sum() >= 8 and high < 0


# --- Lesson 2, experiment 3 (C6): independent resellers follow the margin ----------------

def test_l2_a_bigger_margin_wins_the_independents():
    assert verdict("l2_independents_margin", "l2_independents", "seller1",
                   "independents_active") == (10, True)
    assert set(outcome("l2_independents_margin", "seller1", "independents_active")) == {10}
    assert 4 <= outcome("l2_independents", "seller1", "independents_active").mean() <= 6  # half
    resold = [total(name, "seller1", "reseller_units")
              for name in ("l2_independents_margin", "l2_independents")]
    assert judge(*resold) == (10, True)
    assert 1.8 < resold[0].mean() / resold[1].mean() < 2.4  # "about twice as many"


def test_l2_winning_the_independents_costs_both_brands_profit():
    assert verdict("l2_independents", "l2_independents_margin", "seller1",
                   "cumulative_profit") == (10, True)
    assert verdict("l2_independents", "l2_independents_margin", "seller2",
                   "cumulative_profit") == (10, True)


# --- Lesson 6, experiment 4 (C11): keeping a customer against winning one -----------------

def keeping_per_customer_year(name: str) -> float:
    """The customer-centric shop's retention spending (complaints, CRM messages and their
    discounts) per active customer per year, mean over the seeds."""
    runs = weekly(name)
    shop = runs[runs.seller == "seller2"].groupby("seed")
    years = shop.week.count() / 52
    return float((shop.retention_spend.sum() / shop.customers_active.mean() / years).mean())


def test_l6_winning_a_customer_is_cheaper_than_keeping_one():
    """"a few thousand rupiah"; keeping costs more even without the offer; the 10% offer
    roughly triples it and the 30% offer more than doubles it again."""
    cac = outcome("head_to_head", "seller2", "cac").mean()
    plain, offer, generous = (keeping_per_customer_year(name) for name in
                              ("l5_no_crm", "head_to_head", "l6_generous_crm"))
    assert 1 <= cac < 10 and cac < plain
    assert 2.5 < offer / plain < 3.5 and generous / offer > 2


def test_l6_the_crm_offer_keeps_no_clearly_more_customers():
    """"about as many customers with it as without: no clear difference"."""
    lost = [total(name, "seller2", "customers_lost") for name in ("head_to_head", "l5_no_crm")]
    assert not judge(*lost)[1]
    assert abs(lost[0].mean() / lost[1].mean() - 1) < 0.1


def test_l6_the_crm_offer_does_not_pay():
    assert verdict("l5_no_crm", "head_to_head", "seller2", "cumulative_profit") == (9, False)
    assert verdict("head_to_head", "l6_generous_crm", "seller2",
                   "cumulative_profit") == (10, True)


def test_l6_dear_ads_and_rare_needs_no_clear_difference():
    """Where ads are dear and needs rare, winning a customer costs more than keeping one for a
    year without the offer; the offer is ahead in 7 of 10 seeds, bands overlapping."""
    assert (outcome("l6_costly_ads", "seller2", "cac").mean()
            > keeping_per_customer_year("l6_costly_ads_no_crm"))
    assert verdict("l6_costly_ads", "l6_costly_ads_no_crm", "seller2",
                   "cumulative_profit") == (7, False)


# --- Lesson 6, experiment 5 (C12): bundle lock-in ------------------------------------------

def test_l6_the_lock_in_makes_no_clear_difference():
    assert verdict("l6_pizza_locked", "l6_pizza_unlocked", "seller2",
                   "customers_active") == (5, False)
    assert verdict("l6_pizza_locked", "l6_pizza_unlocked", "seller2",
                   "cumulative_profit") == (6, False)


def test_l6_the_lock_in_makes_no_clear_difference_against_a_cheaper_rival():
    cheaper = {f"{k}_cheap_rival": {"scenario": k, "seller1.price": 40}
               for k in ("l6_pizza_locked", "l6_pizza_unlocked")}
    runs = sim.compare(cheaper, seeds=SEEDS, runs=True)
    last = runs[(runs.week == runs.week.max()) & (runs.seller == "seller2")]
    x, y = (last[last.variant == f"{k}_cheap_rival"].set_index("seed")
            for k in ("l6_pizza_locked", "l6_pizza_unlocked"))
    for metric in ("customers_active", "cumulative_profit"):
        assert not judge(x[metric], y[metric])[1], metric


def test_l6_few_customers_leave_the_range_by_switching():
    ends = pd.concat([sim.run("l6_pizza_range", seed=seed).relationships for seed in SEEDS])
    ended = ends[(ends.seller == "seller2") & ends.end_reason.notna() & (ends.end_reason != "")]
    share = (ended.end_reason == "switched").mean()
    assert share == pytest.approx(0.09, abs=0.01)  # "about 9 in 100"


# --- Lesson 2, experiment 4 (C7): what new customers' questions cost ----------------------

@pytest.mark.parametrize("seller", ["seller1", "seller2"])
def test_l2_costly_questions_cost_each_shop_profit_not_customers(seller):
    assert verdict("l2_free_questions", "l2_many_questions", seller,
                   "cumulative_profit") == (10, True)
    assert outcome("l2_free_questions", seller, "customers_active").equals(
        outcome("l2_many_questions", seller, "customers_active"))
    assert verdict("l2_free_questions", "head_to_head", seller,
                   "cumulative_profit") == (10, False)


# --- Lesson 2, experiment 5 (C7): thrifty customers and the newcomer discount ----------------

def test_l2_the_discount_wins_bargain_hunters_for_a_quarter():
    assert judge(at_week("l2_bargain_hunters", "seller1", "customers_active", 13),
                 at_week("l2_bargain_no_discount", "seller1", "customers_active", 13)) == (10, True)


def test_l2_the_discount_keeps_no_more_bargain_hunters_after_two_years():
    """The counter-case: "the head start is gone"; profit no clear difference either."""
    assert verdict("l2_bargain_no_discount", "l2_bargain_hunters", "seller1",
                   "customers_active") == (7, False)
    assert verdict("l2_bargain_no_discount", "l2_bargain_hunters", "seller1",
                   "cumulative_profit") == (8, False)


# --- Lesson 4, experiment 3 (C10): newcomers and the public review score ------------------

def test_l4_the_stars_win_the_careful_shop_no_clearly_more_newcomers():
    quarter = [at_week(name, "seller2", "customers_active", 13)
               for name in ("careless_product", "l4_stars_ignored")]
    assert judge(*quarter) == (4, False)


def test_l4_read_stars_cost_the_careful_shop_customers():
    assert verdict("l4_stars_ignored", "careless_product", "seller2",
                   "customers_active") == (10, True)


def dropped(spec: dict, seller: str) -> pd.Series:
    """How many of ``seller``'s relationships ended with the customer dropping it for good
    (deep disappointment), per seed."""
    out = {}
    for seed in SEEDS:
        ends = sim.run(spec, seed=seed).relationships
        out[seed] = int(((ends.seller == seller) & (ends.end_reason == "dropped")).sum())
    return pd.Series(out)


def test_l4_the_average_score_disappoints_newcomers_the_product_suits_less():
    """The lesson's reason: the score is the average satisfaction, so it raises the hopes of
    newcomers whom the product suits less; more of them drop the shop for good. Where everyone
    needs the same thing (the fad market: the average is everyone's own fit), reading the stars
    costs the careful shop no customers."""
    read, ignored = (dropped({"scenario": "careless_product", "review_weight": w}, "seller2")
                     for w in (0.5, 0.0))
    assert judge(read, ignored)[0] >= 9 and read.mean() > 1.2 * ignored.mean()
    fad = {f"fad_{w}": {"scenario": "l5_fad_market", "review_weight": w} for w in (0.5, 0.0)}
    runs = sim.compare(fad, seeds=SEEDS, runs=True)
    last = runs[(runs.week == runs.week.max()) & (runs.seller == "seller2")]
    x, y = (last[last.variant == name].set_index("seed").customers_active for name in fad)
    assert not judge(x, y)[1] and x.mean() > 0.95 * y.mean()


def test_l4_the_stars_warn_the_careless_shops_newcomers():
    quarter = [at_week(name, "seller1", "customers_active", 13)
               for name in ("l3_late_courier", "l4_late_stars_ignored")]
    assert judge(*quarter) == (10, True)
    assert verdict("l3_late_courier", "l4_late_stars_ignored", "seller1",
                   "cumulative_profit") == (10, True)
