"""The market's headline scenarios, drawn from the source texts.

A scenario fixes only what makes it what it is; everything else stays at its default. Its
title, story and "what to look for" are in the catalogues under ``scenario.<name>.*``.
"""

from __future__ import annotations

from ..bass import weekly_rates
from .registry import declare

declare("beginner", changes={"n_sellers": 1, "seller1.strategy": "product"})
declare("head_to_head", changes={"seller1.strategy": "product", "seller2.strategy": "customer"})
# Operations are not a strategy (sim/params.py): in head_to_head both shops keep their promise
# and serve with the same care. This one keeps the product-centric shop that cuts corners.
declare("careless_product", "head_to_head",
        {"seller1.promise_gap": 0.15, "seller1.service_level": 0.2,
         "seller1.complaint_handling": 0.1})
declare("switch", changes={"seller1.strategy": "switch", "seller1.switch_week": 26,
                           "seller2.strategy": "product"})
declare("over_promiser", changes={"seller1.strategy": "customer", "seller1.promise_gap": 0.35,
                                  "seller2.strategy": "customer", "seller1.research_weeks": 0,
                                  "seller2.research_weeks": 0})
declare("discount_war", changes={"seller1.strategy": "product", "seller2.strategy": "product",
                                 "seller1.acquisition_discount": 0.4,
                                 "seller2.acquisition_discount": 0.4, "share_thrifty": 0.5})
declare("research_pays", "head_to_head",
        {"n_segments": 2, "segment_spread": 0.03, "fit_width": 0.08})
declare("crowded_market", changes={"n_sellers": 4, "n_customers": 600,
                                   "seller1.strategy": "product", "seller2.strategy": "customer",
                                   "seller3.strategy": "product", "seller4.strategy": "switch"})

# --- Validation (tests/test_validation.py docks these) ---------------------------------------
declare("diffusion", changes={
    "n_sellers": 1, "n_customers": 2000, "weeks": 40, "network": "fully_mixed",
    "need_rate": 1.0, "base_churn": 0.0, "lapse_weeks": 520, "outside_option": -1.0,
    "n_segments": 1, "segment_spread": 0.0, "performance_noise": 0.0,
    "delivery_reliability": 1.0, "defect_threshold": 0.0, "review_rate": 0.0,
    "search_rate": 0.0, "share_impulsive": 0.0, "share_thrifty": 0.0, "wom_rate": 0.38,
    "seller1.strategy": "customer", "seller1.research_weeks": 0, "seller1.quality": 1.0,
    "seller1.ad_reach": 0.03, "seller1.targeting": 0.0, "seller1.crm_offer": 0.0},
    tags=("validation",))
# Bass's typical product, p = 0.03 and q = 0.38 per year as published (Sultan, Farley & Lehmann
# 1990), in weekly rates: the diffusion above runs 0.03 and 0.38 per week, 52 times faster.
_AD_REACH, _WOM_RATE = weekly_rates(0.03, 0.38)
declare("bass_typical", "diffusion", {"n_customers": 1000, "weeks": 520,
                                      "seller1.ad_reach": _AD_REACH, "wom_rate": _WOM_RATE},
        tags=("validation",))
declare("lifetime", changes={
    "n_sellers": 1, "n_customers": 2000, "weeks": 150, "network": "fully_mixed",
    "need_rate": 1.0, "base_churn": 0.1, "lapse_weeks": 520, "outside_option": -1.0,
    "wom_rate": 0.0, "review_rate": 0.0, "search_rate": 0.0, "defect_threshold": 0.0,
    "service_cost": 0.0, "question_cost": 0.0,
    "share_impulsive": 0.0, "share_thrifty": 0.0, "loyalty_weight": 0.0,
    "seller1.strategy": "customer", "seller1.research_weeks": 0, "seller1.ad_reach": 0.05,
    "seller1.crm_offer": 0.0, "seller1.acquisition_discount": 0.0, "seller1.targeting": 0.0},
    tags=("validation",))
declare("twins", changes={"seller1.strategy": "customer", "seller2.strategy": "customer"},
        tags=("validation",))

# --- Roles and ranges (C4, C5, C6, C12, C13) -------------------------------------------------
declare("gift_shop", "head_to_head", {"gift_share": 0.7})
declare("reseller_network", "twins", {"n_segments": 1, "seller1.ad_reach": 0.04,
                                      "seller2.ad_reach": 0.005, "seller2.agents": 10})
declare("service_business", "head_to_head",
        {"seller1.offering": "service", "seller2.offering": "service", "seller1.price": 150,
         "seller2.price": 150, "seller1.unit_cost": 40, "seller2.unit_cost": 40})
declare("pizza_shop", "twins", {"seller2.product_lines": 3})
declare("over_expansion", "pizza_shop", {"seller1.product_lines": 3,
                                         "seller2.product_lines": 8})
