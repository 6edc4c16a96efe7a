"""Every empirical claim a key point, a quiz answer, a prediction's explanation or a guide makes
in words (not as a generated number) holds over the course's ten seeds.

One test per claim, named after it, each running the claim on the same runs the lesson's widget
shows (:mod:`sim.course.stated`) and deciding with the course's one rule
(:mod:`sim.course.evidence`: clearly above = the seed-by-seed gap's 95% band above zero). When
the model changes and a test here fails, the words must change with it, not the test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

import sim
from sim.course import answers
from sim.course import stated as S
from sim.course.evidence import Line, clearly_above, gap, leaders, wins
from sim.course.judge import find, judge, load_lesson
from sim.course.results import SEEDS, Compare, prefetch
from sim.course.stated import TRIES as T
from sim.params import PARAMS
from sim.ui.summaries import overtake

FRIENDS = Compare.of({"mixed": "l4_word_spreads", "friends": "l4_friends_only"},
                     metric="customers_active")


@pytest.fixture(scope="session", autouse=True)
def course_runs():
    """Every run the course and these claims need, computed once, in parallel (shared with
    test_course_results.py when both run in one session)."""
    answers.prefetch()
    prefetch([FRIENDS])


def lines(runs, weeks=None, metric=None) -> dict:
    """The runs' lines after ``weeks`` weeks (None: the end), by key."""
    if metric is not None:
        runs = replace(runs, metric=metric)
    return {line.key: line for line in runs.lines("en", weeks)}


def clear_pair(runs, high, low, weeks=None, metric=None) -> bool:
    found = lines(runs, weeks, metric)
    return clearly_above(found[high], found[low])


def no_clear_difference(runs, a, b, weeks=None) -> bool:
    found = lines(runs, weeks)
    return len(leaders([found[a], found[b]])) == 2


def crossing_week(runs) -> int | None:
    """The week the final leader's mean passed the other's for good (the compare view's dotted
    line)."""
    wide = runs.runs().groupby(["week", "seller"])[runs.metric].mean().unstack()
    passed = overtake(wide)
    return passed[2] if passed else None


# --- lesson 0 ----------------------------------------------------------------------------------
def test_l0_early_leaders_are_not_late_leaders():
    """Key point: who wins depends on how long you look (and prediction 2's explanation)."""
    assert clear_pair(S.HEAD_TO_HEAD, "seller1", "seller2", weeks=20)
    assert clear_pair(S.HEAD_TO_HEAD, "seller2", "seller1")


# --- lesson 1 ----------------------------------------------------------------------------------
def test_l1_gifts_cost_the_customer_centric_shop_even_with_sharp_needs():
    """Quiz q3 ("earns clearly less than in l1_own_use") and "When it does not hold"."""
    assert clear_pair(S.GIFTS, "label.own_use", "label.gifts")
    assert clear_pair(S.GIFTS_SHARP, "label.own_use", "label.gifts")


def test_l1_more_staff_is_not_always_more_profit():
    """Guide misconception: beyond the point where quality is safe, wages stop paying."""
    found = lines(S.STAFF)
    assert clearly_above(found[4], found[8])


# --- lesson 2 ----------------------------------------------------------------------------------
def test_l2_exposure_wins_impulse_buyers_early_satisfaction_keeps_them():
    """Key point 3 and quiz q6: the product-centric shop leads after a quarter, the
    customer-centric one after two years."""
    assert clear_pair(S.IMPULSE, "seller1", "seller2", weeks=13)
    assert clear_pair(S.IMPULSE, "seller2", "seller1")


def test_l2_unsupported_agents_quit_early_yet_the_brand_earns_more():
    """Quiz q5 and "When it does not hold": the agents quit within about three months, and the
    brand earned more without supporting them."""
    assert clear_pair(S.AGENTS, "label.unsupported", "label.supported")
    alone = Compare.of(["l2_agents_unsupported"], metric="tied_agents_active",
                       seller="seller2")
    assert all(v == 0 for v in lines(alone, weeks=16)["seller2"].values)


# --- lesson 3 ----------------------------------------------------------------------------------
def test_l3_overpromising_buys_trial_and_costs_satisfaction():
    """Key point 4 and quiz q3: in its first month, seller 1 over-promising wins more first
    buyers than the same seller promising honestly, and gets more complaints, lower
    satisfaction and a worse NPS."""
    runs = S.PROMISES.runs()
    runs = runs[runs.seller == "seller1"]
    month = runs[runs.week < 4].groupby(["variant", "seed"])[["customers_acquired",
                                                              "complaints"]].sum()
    end = runs[runs.week == 3].set_index(["variant", "seed"])[["satisfaction_mean", "nps"]]

    def line(table, column, variant):
        return Line.of(variant, table.loc[f"label.forgiving_{variant}"][column].tolist())

    for column in ("customers_acquired", "complaints"):
        assert clearly_above(line(month, column, "overpromise"), line(month, column, "honest"))
    for column in ("satisfaction_mean", "nps"):
        assert clearly_above(line(end, column, "honest"), line(end, column, "overpromise"))


def test_l3_whether_a_broken_promise_costs_profit_depends_on_the_customers():
    """Key point 4, "When it does not hold" and the guide: with forgiving customers seller 1's
    over-promise made no clear difference to its profit; with demanding ones honesty clearly
    paid more."""
    assert no_clear_difference(S.PROMISES, "label.forgiving_overpromise",
                               "label.forgiving_honest")
    assert clear_pair(S.PROMISES, "label.demanding_honest", "label.demanding_overpromise")


# --- lesson 4 ----------------------------------------------------------------------------------
def test_l4_among_friends_only_news_spreads_later():
    """Experiment 1 and quiz q3: on a friends-only network the curve rises later."""
    assert clear_pair(FRIENDS, "mixed", "friends", weeks=10)


def test_l4_word_of_mouth_matters_most_without_ads():
    """Key point 5, quiz q4 ("costs it some profit ... several times as much") and "When it
    does not hold": silence costs the warung that barely advertises clearly more, seed by seed,
    than the one that advertises, and at least twice as much on average."""
    towns, talk = lines(S.TOWNS), lines(S.TALK)
    in_towns = gap(towns["label.talkative"], towns["label.quiet"])
    in_head_to_head = gap(talk["label.talk"], talk["label.silent"])
    assert clearly_above(in_towns, in_head_to_head)
    assert in_towns.mean >= 2 * in_head_to_head.mean > 0


def test_l4_cross_selling_needs_regulars():
    """Quiz q5's feedback: without loyalty the three-line shop earns less (prediction 2)."""
    verdict = judge(find(load_lesson("04_loyalty_word_of_mouth")["predictions"], "p2"))
    assert verdict.outcome == "regulars" and len(leaders(verdict.lines)) == 1


# --- lesson 5 ----------------------------------------------------------------------------------
def test_l5_product_centric_wins_early_customer_centric_late():
    """Key point 2, quiz q1-q3 and prediction 1's explanation."""
    assert clear_pair(S.HEAD_TO_HEAD, "seller1", "seller2", weeks=13)
    assert clear_pair(S.HEAD_TO_HEAD, "seller2", "seller1")


def test_l5_in_a_fad_the_flip_comes_later_or_not_within_two_years():
    """Key point 3, the guide and quiz q4: the customer-centric seller ends ahead in only some
    seeds, if any; after two years there is no clear difference; the mean curves cross later
    than in head_to_head, or never."""
    found = lines(S.FAD)
    assert wins(found["seller2"], found["seller1"]) < S.FAD.seeds
    assert no_clear_difference(S.FAD, "seller1", "seller2")
    crossing = crossing_week(S.FAD)
    assert crossing is None or crossing > crossing_week(S.HEAD_TO_HEAD)


def test_l5_one_year_of_a_fad_favours_the_product_centric_seller():
    """Quiz q5, prediction 2's explanation and "When it does not hold": over one year the
    product-centric seller is clearly ahead."""
    assert clear_pair(S.FAD_YEAR, "seller1", "seller2")


def test_l5_a_careless_seller_loses_to_operations_about_as_much_as_to_strategy():
    """Experiment 3, key point 5 and the guide: against a careless product-centric seller both
    the strategy's and the operations' parts of the gap are clear and cannot be told apart
    from each other; with the same operations (head_to_head) only strategy is left."""
    careless = S.PARTS.result()
    assert careless.clear_groups() == ["strategy", "operations"]
    assert no_clear_difference(S.PARTS, "strategy", "operations")
    assert S.FAIR_PARTS.result().clear_groups() == ["strategy"]


# --- lesson 6 ----------------------------------------------------------------------------------
def test_l6_a_discount_buys_first_purchases_not_loyalty():
    """Key point 3 and quiz q3: lower profit, dearer customers."""
    assert clear_pair(S.DISCOUNT, "label.no_discount", "label.with_discount")
    assert clear_pair(S.DISCOUNT, "label.with_discount", "label.no_discount", metric="cac")


def test_l6_cross_selling_pays_until_lines_dilute_quality():
    """Key point 4 and quiz q5: three lines beat one; eight fall clearly below three, with
    lower satisfaction."""
    found = lines(S.LINES)
    assert clearly_above(found[3], found[1]) and clearly_above(found[3], found[8])
    mood = lines(S.LINES, metric="satisfaction_mean")
    assert clearly_above(mood[3], mood[8])


# --- lesson 7 ----------------------------------------------------------------------------------
def test_l7_in_an_ordinary_market_the_earlier_the_switch_the_better():
    """Key point 2, quiz q2 and the guide."""
    found = lines(S.USUAL)
    means = [found[week].mean for week in S.SWITCH_WEEKS]
    assert means == sorted(means, reverse=True)
    assert [x.key for x in leaders(list(found.values()))] == [0]


def test_l7_a_one_year_fad_rules_out_week_0_and_nothing_else():
    """Key point 3, quiz q3 and the guide: week 0 clearly worse than selling first; weeks 13, 26
    and 52 cannot be told apart."""
    top = {x.key for x in leaders(list(lines(S.FAD_SWITCH).values()))}
    assert top == {13, 26, 52}


# --- lesson 8 ----------------------------------------------------------------------------------
def test_l8_a_design_that_crushes_one_rival_may_only_tie_another():
    """"When it does not hold" and quiz q1: beats the product-centric rival clearly, no clear
    difference against an identical customer-centric one."""
    assert clear_pair(S.RIVALS, ("l8_vs_product", "seller1"), ("l8_vs_product", "seller2"))
    assert no_clear_difference(S.RIVALS, ("l8_vs_customer", "seller1"),
                               ("l8_vs_customer", "seller2"))


# --- the guides' answers to the notebooks' *Things to try* (sim.course.stated.TRIES) -----------
def tried(name: str, metric=None) -> dict:
    """The lines a try's answer states (its weeks, only its chosen lines), by key."""
    said = T[name]
    found = lines(said.runs, said.weeks, metric)
    return {k: v for k, v in found.items() if not said.only or k in said.only}


def test_try_l0_two_customer_centric_shops_cannot_be_told_apart():
    assert no_clear_difference(T["l0_try_twins"].runs, "seller1", "seller2")


def test_try_l1_more_gifts_less_satisfaction_and_profit():
    for name in ("l1_try_gift_share", "l1_try_gift_share_mood"):
        found = tried(name)
        assert clearly_above(found["label.try.gifts_30"], found["label.try.gifts_90"]), name


def test_try_l1_a_higher_price_makes_eight_consultants_as_good_as_four():
    # the try raises the price to the slider's top (its notebook and guides say 200)
    assert T["l1_try_staff_price"].runs.base["seller2.price"] == PARAMS["seller2.price"].high
    assert {x.key for x in leaders(list(lines(S.STAFF).values()))} == {4}
    assert {x.key for x in leaders(list(tried("l1_try_staff_price").values()))} == {4, 8}


def test_try_l2_the_early_lead_needs_no_impulse_buyers_and_a_margin_buys_no_loyalty():
    found = tried("l2_try_no_impulse")
    assert clearly_above(found["seller1"], found["seller2"])
    found = tried("l2_try_bargain")
    assert clearly_above(found["seller2"], found["seller1"])
    found = tried("l2_try_agent_margin")
    assert clearly_above(found["label.supported"], found["label.try.agent_margin"])
    agents = tried("l2_try_agent_margin_agents")
    assert len(leaders(list(agents.values()))) == 2


def test_try_l3_under_promising_and_trusted_reviews_change_little_service_costs():
    for name in ("l3_try_underpromise", "l3_try_reviews"):
        assert len(leaders(list(tried(name).values()))) == 2, name
    profit = tried("l3_try_underpromise", metric="cumulative_profit")
    assert len(leaders(list(profit.values()))) == 2
    found = tried("l3_try_service")
    assert clearly_above(found["label.late_courier"], found["label.try.good_service"])


def test_try_l4_harsher_complaints_help_the_rival_of_the_complained_about():
    found = tried("l4_try_harsh_product")
    assert len(leaders(list(found.values()))) == 2
    found = tried("l4_try_harsh_customer")
    assert clearly_above(found[("label.try.harsh", "seller2")],
                         found[("label.talkative", "seller2")])


def test_try_l4_little_imitation_gives_a_peak_half_as_high_but_not_clearly_later():
    """Lesson 4's guide: with "Talkativeness" 0.1 in "News spreads (Bass)" the weekly new
    customers peak at about half the height in every seed; the peak week is later on average and
    in about half of the seeds (a flat curve's highest week is largely chance): no clear
    difference."""
    usual = sim.SCENARIOS["l4_word_spreads"].values["wom_rate"]
    height, week = {}, {}
    for wom in (usual, 0.1):
        peaks = [sim.run({"scenario": "l4_word_spreads", "wom_rate": wom}, seed=s)
                 .weekly.customers_acquired for s in range(1, SEEDS + 1)]
        height[wom] = Line.of(str(wom), [p.max() for p in peaks], wom)
        week[wom] = Line.of(str(wom), [p.idxmax() + 1 for p in peaks], wom)
    quiet, talkative = height[0.1].values, height[usual].values
    assert all(low < high for low, high in zip(quiet, talkative, strict=True))
    assert 0.35 < height[0.1].mean / height[usual].mean < 0.65  # "about half"
    assert week[0.1].mean > week[usual].mean  # later on average ...
    assert not clearly_above(week[0.1], week[usual])  # ... but not beyond chance
    later = [b > a for a, b in zip(week[usual].values, week[0.1].values, strict=True)]
    assert 3 <= sum(later) <= 7  # "in about half of the seeds"


def test_try_l5_long_research_still_overtakes_and_care_matters():
    found = tried("l5_try_long_research")
    assert clearly_above(found["seller2"], found["seller1"])
    careless, fair = tried("l5_try_careless"), lines(S.HEAD_TO_HEAD)
    assert careless["seller1"].mean < fair["seller1"].mean / 2  # "most of its profit"
    assert all(all(line.values) for line in tried("l5_try_crowded").values())  # all stay open


def test_try_l6_discounts_do_not_pay_ranges_still_dilute_lock_in_is_weak():
    found = tried("l6_try_thrifty")
    assert clearly_above(found["label.no_discount"], found["label.with_discount"])
    found = tried("l6_try_dilution")
    top = leaders(list(found.values()))
    assert {x.key for x in top} <= {3, 5} and all(clearly_above(x, found[8]) for x in top)
    assert found[8].mean > lines(S.LINES)[8].mean  # "loses far less than on the lesson's chart"
    assert len(leaders(list(tried("l6_try_bundle").values()))) == 2


@pytest.mark.parametrize("name", ["l7_try_one_segment", "l7_try_quiet_talk",
                                  "l7_try_customer_rival"])
def test_try_l7_switching_at_week_0_stays_clearly_best(name):
    found = tried(name)
    assert [x.key for x in leaders(list(found.values()))] == [0]
    if name == "l7_try_one_segment":  # "switching late hurts even more"
        usual = lines(S.USUAL)
        assert clearly_above(gap(found[0], found[52]), gap(usual[0], usual[52]))
    if name == "l7_try_quiet_talk":  # "every week spent product-centric still costs profit"
        means = [found[week].mean for week in S.SWITCH_WEEKS]
        assert means == sorted(means, reverse=True)
