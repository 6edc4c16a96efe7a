"""The customer: a person in the market who may need, consider, buy, judge, talk and leave.

A customer has a *trait* (impulsive, thrifty or neither: fixed) and a *lifecycle stage*
(unaware → potential → new → growing → loyal, or lost: it changes with experience). Everything
the customer believes about seller ``s`` sits in lists indexed by ``s``: awareness, expectation,
last satisfaction, loyalty. The weekly decision is :meth:`Customer.step`; what a purchase does
to the customer is :meth:`Customer.buy`.

Roles (gift buyer, reseller, client) plug in at two points without forking the decision: *who
experiences* the purchase (:meth:`Customer.consumer_for`) and *what the buyer feels*
(:meth:`Customer.feel`).
"""

from __future__ import annotations

import math

import mesa

from .formulas import logit_weights

# Traits (from the source texts' six characteristics: the two that are dispositions).
IMPULSIVE, THRIFTY, PLAIN = "impulsive", "thrifty", "none"
# Lifecycle stages (the other four characteristics, plus the two ends of the funnel).
UNAWARE, POTENTIAL, NEW, GROWING, LOYAL, LOST = (
    "unaware", "potential", "new", "growing", "loyal", "lost")
STAGES = (UNAWARE, POTENTIAL, NEW, GROWING, LOYAL, LOST)
ACTIVE = (NEW, GROWING, LOYAL)
# Roles (C4-C6): who a person is to the sellers. Gift buyers and resellers are subclasses
# (sim/roles.py); a client is whoever buys from a service seller (Seller.acquire).
SELF, GIFT_BUYER, TIED_AGENT, INDEPENDENT_RESELLER, CLIENT = (
    "self", "gift_buyer", "tied_agent", "independent_reseller", "client")
ROLES = (SELF, GIFT_BUYER, TIED_AGENT, INDEPENDENT_RESELLER, CLIENT)
# How a person comes to a seller through the roles (besides advertising, review, word of mouth).
GIFT, RESELLER, TRADE = "gift", "reseller", "trade"
# Every way a person comes to a seller (``heard_via`` in RunResult.relationships), in the order
# reports list them.
CHANNELS = ("advertising", "review", "word_of_mouth", GIFT, RESELLER, TRADE)

# Why a relationship ended (RunResult.relationships): the customer moved to another seller, went
# quiet for ``lapse_weeks``, was disappointed below ``defect_threshold``, left for outside reasons
# (``base_churn``), (an agent) quit trading, or the seller ran out of money and closed.
SWITCHED, LAPSED, DROPPED, CHURNED, QUIT, SELLER_CLOSED = (
    "switched", "lapsed", "dropped", "churned", "quit", "seller_closed")
FIRST_YEAR = 52  # weeks of a relationship whose margin is also counted apart

LOYAL_AT = 0.6  # loyalty from which a repeat customer counts as loyal
NEUTRAL = 0.6  # satisfaction that neither builds nor erodes loyalty
COMPLAINS_BELOW = 0.5  # satisfaction under which a customer complains
PROMOTER_FROM, DETRACTOR_TO = 0.7, 0.5  # word of mouth is U-shaped between these


def judge(performance: float, expectation: float, loss_aversion: float,
          weight: float) -> float:
    """Satisfaction by expectation–disconfirmation (Oliver 1980; Anderson & Sullivan 1993):
    performance plus the surprise, a shortfall weighing ``loss_aversion`` times a surplus."""
    surprise = performance - expectation
    if surprise < 0:
        surprise *= loss_aversion
    satisfaction = performance + weight * surprise
    return 0.0 if satisfaction < 0.0 else 1.0 if satisfaction > 1.0 else satisfaction


class Relationship:
    """One customer's history with one seller, from the first purchase on (a won-back customer
    resumes the same record: ``spells`` counts its starts). Money as the seller books it:
    ``revenue`` at list price, ``margin`` after discounts, goods and service (as in the weekly
    table); ``paid`` is what the customer paid the seller."""

    __slots__ = ("seller", "heard_via", "won_with_discount", "start_week", "end_week",
                 "end_reason", "spells", "purchases", "purchases_via_reseller", "revenue", "paid",
                 "margin", "margin_first_year")

    def __init__(self, seller: int, heard_via: str | None, won_with_discount: bool, week: int):
        self.seller, self.heard_via, self.won_with_discount = seller, heard_via, won_with_discount
        self.start_week, self.end_week, self.end_reason = week, None, None
        self.spells = 1
        self.purchases = self.purchases_via_reseller = 0
        self.revenue = self.paid = self.margin = self.margin_first_year = 0.0


class Customer(mesa.Agent):
    """One person: traits, needs, beliefs about each seller, and a purchase history."""

    # Every attribute set in __init__, declared (Python then reads and writes them faster).
    __slots__ = ("trait", "segment", "need", "role", "stage", "seller", "active",
                 "acquisition_channel", "relations", "first_week", "last_purchase_week",
                 "review_week", "purchases", "referrals_made", "lifetime_revenue",
                 "lifetime_margin", "neighbours", "exposed", "aware", "dropped", "known",
                 "heard_via", "expectation", "satisfaction", "loyalty", "loyalty_week", "bought",
                 "offer", "product_seen")

    # Set only for the few people the roles touch (class defaults cost ordinary people nothing).
    dealer = None  # the agent or reseller who last offered us goods (sim.roles.Reseller)
    paid_to_resellers = 0.0  # money paid to agents and resellers rather than to sellers
    ecosystem: tuple | frozenset = ()  # sellers of whose range we use two lines or more
    deal_prices: dict | None = None  # seller -> price paid when its newcomer deal won us

    def __init__(self, model, trait: str, segment: int, need: float, n_sellers: int):
        super().__init__(model)
        self.trait, self.segment, self.need = trait, segment, need
        self.role = SELF
        self.stage = UNAWARE
        self.seller: int | None = None  # current (or, when lost, last) seller
        self.active = False  # buying from ``seller`` now
        self.acquisition_channel: str | None = None  # how the current relationship was won
        self.relations: dict[int, Relationship] = {}  # seller -> our history with it
        self.first_week = self.last_purchase_week = -1
        self.review_week = 0  # next week the stage may change without a purchase
        self.purchases = self.referrals_made = 0
        self.lifetime_revenue = self.lifetime_margin = 0.0
        self.neighbours: list[Customer] = []
        self.exposed: list[int] = []  # sellers whose ad, tip or offer reached us this week
        # Beliefs about each seller, indexed by seller number.
        self.aware = [False] * n_sellers
        self.dropped = [False] * n_sellers  # lost for good: never buys there again
        self.known: list[int] = []  # aware of and not dropped (see known_sellers)
        self.heard_via: list[str | None] = [None] * n_sellers
        self.expectation = [0.0] * n_sellers
        self.satisfaction = [0.0] * n_sellers
        self.loyalty = [0.0] * n_sellers
        self.loyalty_week = [0] * n_sellers
        self.bought = [0] * n_sellers
        self.offer = [0.0] * n_sellers  # pending CRM discount
        self.product_seen = [0] * n_sellers  # which of the seller's launches we last judged

    # --- the weekly decision ------------------------------------------------------------------
    def step(self):
        """Maybe leave for outside reasons; maybe want to buy; if so, choose and buy."""
        m = self.model
        rand = m.chance  # the model's seeded random.random (cheaper than the agent property)
        if self.active and rand() < m.base_churn:
            self.leave(for_good=True, reason=CHURNED)
        candidates = None
        if rand() < m.need_rate:  # a real need
            candidates = self.known_sellers() or self.search_online()
        elif self.exposed and self.trait == IMPULSIVE and rand() < m.impulse_rate:
            candidates = [s for s in self.exposed if not self.dropped[s]]  # bought on the spot
        elif self.trait == THRIFTY and rand() < m.promo_pull:
            candidates = [s for s in self.known_sellers() if self.discount_at(s) > 0]
        if candidates:
            choice = self.choose(candidates)
            if choice is not None:
                self.buy(choice)
        if self.exposed:
            self.exposed.clear()
        if self.active and m.week >= self.review_week:
            self.update_stage()  # only when a lapse or a loyalty drop may be due

    def known_sellers(self) -> list[int]:
        """Sellers we know and may still buy from (kept up to date by :meth:`refresh_known`
        whenever we learn of a seller or drop one, rather than worked out at every need)."""
        return self.known

    def refresh_known(self):
        self.known = [s for s, aware in enumerate(self.aware) if aware and not self.dropped[s]]

    def search_online(self) -> list[int]:
        """Someone with a need who knows no seller may find one through reviews."""
        if self.model.chance() >= self.model.search_rate:
            return []
        found = self.model.seller_found_online()
        if found is None or self.dropped[found]:
            return []
        self.become_aware(found, "review")
        return [found]

    def value(self, s: int) -> float:
        """How good buying from seller ``s`` looks to this customer right now."""
        m, seller = self.model, self.model.sellers[s]
        if self.product_seen[s] != seller.launches:
            self.meet_new_product(s)
        sensitivity = m.price_sensitivity * (m.thrifty_price_factor if self.trait == THRIFTY
                                             else 1.0)
        price = seller.price * (1 - self.discount_at(s))
        price_pain = price / m.reference_price - 1
        if self.deal_prices and s in self.deal_prices and price > self.deal_prices[s]:
            # won by a deal here: the price above the deal weighs extra (Lewis 2006)
            price_pain += m.deal_proneness * (price - self.deal_prices[s]) / m.reference_price
        switching = (m.switching_cost + m.sellers[self.seller].lock_in(self)
                     if self.active and s != self.seller else 0.0)
        memory = m.satisfaction_weight * (self.satisfaction[s] - NEUTRAL) if self.bought[s] else 0.0
        return (self.expectation[s] + memory + m.loyalty_weight * self.loyalty_now(s)
                + m.novelty_weight * seller.novelty
                - sensitivity * price_pain - switching)

    def choose(self, candidates: list[int]) -> int | None:
        """Multinomial logit over the candidates and buying nothing."""
        m = self.model
        weights, nothing = logit_weights([self.value(s) for s in candidates], m.outside_option,
                                         m.choice_sharpness)
        pick = m.chance() * (nothing + sum(weights))
        for s, w in zip(candidates, weights):  # noqa: B905 (one weight per candidate)
            pick -= w
            if pick < 0:
                return s
        return None  # bought nothing

    # --- what a purchase does -------------------------------------------------------------------
    def buy(self, s: int):
        """Pay, get the product, judge it, update beliefs, maybe talk about it."""
        m, seller = self.model, self.model.sellers[s]
        if not (self.active and self.seller == s):
            self.switch_to(s)
        paid, margin = seller.sell(self, self.discount_at(s))
        self.offer[s] = 0.0
        self.bought[s] += 1
        self.purchases += 1
        self.last_purchase_week = m.week
        self.lifetime_revenue += paid
        self.lifetime_margin += margin
        consumer = self.consumer_for(s)
        performance, satisfaction = consumer.experience(s)
        self.feel(s, performance, satisfaction)

    def consumer_for(self, s: int) -> Customer:
        """Who uses what was bought: the buyer themself (roles may say otherwise)."""
        return self

    def experience(self, s: int) -> tuple[float, float]:
        """Use the product: perceived performance against expectation gives satisfaction."""
        m, seller = self.model, self.model.sellers[s]
        performance = seller.performance_for(self)
        satisfaction = judge(performance, self.expectation[s], m.loss_aversion,
                             m.disconfirmation_weight)
        if satisfaction < COMPLAINS_BELOW:
            satisfaction = seller.handle_complaint(satisfaction)
        bought, expected = self.bought[s], self.expectation[s]
        learning = m.learning_rate_floor + (m.learning_rate_new - m.learning_rate_floor) / (
            bought if bought > 1 else 1)  # newcomers learn fastest
        self.expectation[s] = expected + learning * (performance - expected)
        self.talk_and_review(s, performance, satisfaction)
        return performance, satisfaction

    def feel(self, s: int, performance: float, satisfaction: float):
        """Satisfaction builds or erodes loyalty; deep disappointment ends the relationship."""
        m = self.model
        self.satisfaction[s] = satisfaction
        loyalty = self.loyalty_now(s) + m.loyalty_gain * (satisfaction - NEUTRAL)
        self.loyalty[s] = 0.0 if loyalty < 0.0 else 1.0 if loyalty > 1.0 else loyalty
        self.loyalty_week[s] = m.week
        if satisfaction < m.defect_threshold:
            self.leave(for_good=True, reason=DROPPED)
        else:
            self.update_stage()

    def talk_and_review(self, s: int, performance: float, satisfaction: float):
        """Delight and anger make people talk (U-shaped); some post a review."""
        m = self.model
        rand = m.chance
        urge = self.urge_to_talk(satisfaction)
        if urge is not None and rand() < urge[0]:
            m.word_of_mouth(self, s, performance, positive=urge[1])
        if rand() < m.review_rate:
            m.sellers[s].add_review(satisfaction)

    def urge_to_talk(self, satisfaction: float) -> tuple[float, bool] | None:
        """The chance we tell a friend after a purchase, and whether the story is good; None
        between the two thresholds (neither delighted nor angry: nothing to tell)."""
        m = self.model
        if satisfaction > PROMOTER_FROM:
            return m.wom_rate * ((satisfaction - PROMOTER_FROM) / (1 - PROMOTER_FROM)), True
        if satisfaction < DETRACTOR_TO:
            return m.wom_rate * m.wom_negative_weight * (
                (DETRACTOR_TO - satisfaction) / DETRACTOR_TO), False
        return None

    # --- beliefs from outside -----------------------------------------------------------------
    def become_aware(self, s: int, channel: str, expectation: float | None = None):
        """First contact with seller ``s``: expectation from its promise and its reviews."""
        self.aware[s] = True
        self.refresh_known()
        self.heard_via[s] = channel
        self.expectation[s] = (self.model.sellers[s].first_impression(self)
                               if expectation is None else expectation)
        if self.stage == UNAWARE:
            self.model.move(self, POTENTIAL, None)

    def meet_new_product(self, s: int):
        """A seller's new product: half what we know of the seller, half its new promise."""
        promise = self.model.sellers[s].first_impression(self)
        self.expectation[s] = (self.expectation[s] + promise) / 2 if self.bought[s] else promise
        self.product_seen[s] = self.model.sellers[s].launches

    def see_ad(self, s: int):
        """An ad: awareness for newcomers, a refreshed promise for those who never bought."""
        if not self.aware[s]:
            self.become_aware(s, "advertising")
        elif self.bought[s] == 0:
            self.expectation[s] = self.model.sellers[s].first_impression(self)
        self.exposed.append(s)

    def receive_offer(self, s: int, discount: float):
        """A tailored CRM discount from seller ``s`` (used at our next purchase there)."""
        self.offer[s] = discount
        self.exposed.append(s)

    def receive_gift(self, s: int):
        """A friend's gift from seller ``s``, which we had never bought: the gift is how we come
        to use it (channel ``gift``)."""
        if self.aware[s]:
            self.heard_via[s] = GIFT
        else:
            self.become_aware(s, GIFT)

    def meet_dealer(self, dealer, s: int):
        """An agent or reseller offers us seller ``s``'s goods: we know the seller now, and they
        are our dealer (we buy from their stock while they have some)."""
        if not self.aware[s]:
            self.become_aware(s, RESELLER)
        self.dealer = dealer
        self.exposed.append(s)

    def leave_dealer(self, dealer):
        """``dealer`` stops offering us goods (we disappointed each other)."""
        if self.dealer is dealer:
            self.dealer = None

    def hear(self, s: int, performance: float, positive: bool, relevance: float = 1.0) -> bool:
        """A friend's story moves our expectation toward what they got, as far as their
        experience is ``relevance`` to ours (1: fully, as if their needs were ours; the rest of a
        first expectation comes from the seller's promise and reviews); True if it introduced
        the seller to us."""
        introduced = not self.aware[s]
        if introduced:
            if relevance < 1.0:
                performance = (relevance * performance + (1.0 - relevance)
                               * self.model.sellers[s].first_impression(self))
            self.become_aware(s, "word_of_mouth", expectation=performance)
        else:
            self.expectation[s] += (self.model.wom_influence * relevance
                                    * (performance - self.expectation[s]))
        if positive:
            self.exposed.append(s)
        return introduced

    # --- relationship bookkeeping -----------------------------------------------------------------
    def record_referral(self):
        """Our story introduced a friend to a seller."""
        self.referrals_made += 1

    def take_other_lines(self, s: int, items: int):
        """We added ``items`` of seller ``s``'s other lines to a purchase (C12): two lines or
        more and we are in its ecosystem."""
        self.purchases += items
        if s not in self.ecosystem:
            self.ecosystem = frozenset(self.ecosystem) | {s}

    def pay_dealer(self, s: int, paid: float):
        """We bought seller ``s``'s goods from our dealer's stock (a first purchase there is
        acquired by channel ``reseller``)."""
        self.paid_to_resellers += paid
        relation = self.relation(s)
        relation.purchases_via_reseller += 1
        if self.bought[s] == 0:
            self.acquisition_channel = relation.heard_via = RESELLER

    def served_by(self, is_service: bool):
        """Whoever buys from a service seller is its client (C5); back to buying for oneself
        when moving to a product seller."""
        if self.role == SELF and is_service:
            self.role = CLIENT
        elif self.role == CLIENT and not is_service:
            self.role = SELF

    def remember(self, s: int, expectation: float, purchases: int, loyalty: float,
                 satisfaction: float):
        """Know seller ``s`` as after ``purchases`` purchases (worked examples and tests)."""
        self.aware[s] = True
        self.refresh_known()
        self.expectation[s], self.bought[s] = expectation, purchases
        self.loyalty[s], self.loyalty_week[s] = loyalty, self.model.week
        self.satisfaction[s] = satisfaction
        self.product_seen[s] = self.model.sellers[s].launches
        self.offer[s] = 0.0

    def discount_at(self, s: int) -> float:
        """Discount this customer would get at seller ``s`` now: a newcomer deal or a CRM offer."""
        if self.bought[s] == 0:
            return self.model.sellers[s].acquisition_discount
        return self.offer[s]

    def loyalty_now(self, s: int) -> float:
        """Loyalty fades geometrically in the weeks since it was last renewed by a purchase."""
        m = self.model
        idle = m.week - self.loyalty_week[s]
        return self.loyalty[s] * m.loyalty_keep ** idle if idle else self.loyalty[s]

    def switch_to(self, s: int):
        """Become seller ``s``'s customer (acquisition); the previous seller loses us."""
        m = self.model
        if self.active:
            m.sellers[self.seller].lose(self)
            self.end_relationship(SWITCHED)
        self.active = True
        self.first_week = m.week
        relation = self.relations.get(s)
        if relation is None:  # a first purchase there: how we heard, and whether a deal won us
            newcomer_deal = self.bought[s] == 0 and self.discount_at(s) > 0
            relation = self.relations[s] = Relationship(s, self.heard_via[s], newcomer_deal,
                                                        m.week)
            if newcomer_deal and m.deal_proneness:  # deal-prone from now on (Lewis 2006)
                self.deal_prices = {**(self.deal_prices or {}),
                                    s: m.sellers[s].price * (1 - self.discount_at(s))}
        else:  # won back
            relation.end_week = relation.end_reason = None
            relation.spells += 1
        self.acquisition_channel = relation.heard_via
        m.sellers[s].acquire(self)
        m.move(self, NEW, s)

    def leave(self, for_good: bool, reason: str = CHURNED):
        """Stop buying from the current seller (``reason``: see ``SWITCHED``...); ``for_good``
        never comes back to it."""
        if for_good:
            self.drop(self.seller)
        if self.active:
            self.active = False
            self.model.sellers[self.seller].lose(self)
            self.end_relationship(reason)
            self.model.move(self, LOST, self.seller)

    def drop(self, s: int):
        """Never buy from seller ``s`` again."""
        self.dropped[s] = True
        self.refresh_known()

    def end_relationship(self, reason: str):
        """The relationship with the current seller ends this week, for ``reason``."""
        relation = self.relation(self.seller)
        relation.end_week, relation.end_reason = self.model.week, reason

    def book(self, s: int, units: int, revenue: float, paid: float, margin: float):
        """Seller ``s`` booked a sale to us (called by the seller at every sale): ``units`` at
        ``revenue`` (list price), ``paid``, ``margin``."""
        relation = self.relations.get(s) or self.relation(s)
        relation.purchases += units
        relation.revenue += revenue
        relation.paid += paid
        relation.margin += margin
        if self.model.week - relation.start_week < FIRST_YEAR:
            relation.margin_first_year += margin

    def relation(self, s: int) -> Relationship:
        """Our record with seller ``s`` (begun now if a sale reaches us outside a relationship,
        as when a worked example sells directly)."""
        relation = self.relations.get(s)
        if relation is None:
            relation = self.relations[s] = Relationship(s, self.heard_via[s], False,
                                                        self.model.week)
        return relation

    def update_stage(self):
        """New → growing (repeat buyer) → loyal (loyalty high), or lost after a long silence.

        Also works out the next week the stage could change on its own (a lapse, or loyalty
        fading below the loyal mark), so that quiet weeks cost nothing.
        """
        m, s = self.model, self.seller
        lapse_at = self.last_purchase_week + m.lapse_weeks + 1
        if m.week >= lapse_at:
            self.leave(for_good=False, reason=LAPSED)  # drifted away: lost, but could be won back
            return
        loyalty = self.loyalty_now(s)
        self.review_week = lapse_at
        if self.bought[s] < 2:
            stage = NEW
        elif loyalty >= LOYAL_AT:
            stage = LOYAL
            if m.loyalty_keep < 1:  # weeks until fading takes loyalty under the mark
                fade = math.log(LOYAL_AT / loyalty) / math.log(m.loyalty_keep)
                below = m.week + int(fade) + 1
                self.review_week = below if below < lapse_at else lapse_at
        else:
            stage = GROWING
        if stage != self.stage:
            self.model.move(self, stage, s)

    @property
    def tenure_weeks(self) -> int:
        return self.model.week - self.first_week if self.first_week >= 0 else 0
