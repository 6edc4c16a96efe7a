"""Roles a person can play besides buying for their own use (claims C4 and C6).

* :class:`GiftBuyer` — the *customer* who pays is not the *consumer* who uses: a gift buyer's
  purchase goes to a friend, who experiences it, forms the satisfaction, may talk about it and may
  become a customer (channel ``gift``). The buyer feels how the gift was received.
* :class:`Reseller` — buys in bulk at the seller's agent price and resells to its contacts. A
  *tied agent* (internal customer) resells one seller's goods and stays while that seller's
  support and its own margin content it; an *independent reseller* (intermediary) buys wherever
  the margin is best. End users served from a reseller's stock are acquired by channel
  ``reseller``; their verdict reaches the seller (as usual) and the reseller (the disappointed
  stop buying from it).

Both plug into :class:`~sim.customers.Customer` through its hooks (``consumer_for``, ``feel``) or
their own ``step``; the ordinary decision is not copied. Clients (C5) are not a class: whoever
buys from a service seller is its client (:meth:`sim.sellers.Seller.acquire`).
"""

from __future__ import annotations

import math
from functools import partial

from .customers import (
    COMPLAINS_BELOW,
    GIFT_BUYER,
    INDEPENDENT_RESELLER,
    QUIT,
    TIED_AGENT,
    TRADE,
    Customer,
    judge,
)
from .params import seller_levers
from .phase import phase_of

AGENT_MEMORY = 0.2  # weight of this week in an agent's running view of support and margin


class GiftBuyer(Customer):
    """Buys for a friend (C4). ``feel`` is inherited: the buyer's satisfaction with the seller is
    the recipient's satisfaction, i.e. how the gift was received, not the buyer's own use."""

    def __init__(self, *args):
        super().__init__(*args)
        self.role = GIFT_BUYER

    def consumer_for(self, s: int) -> Customer:
        """A friend receives the gift and uses it; the seller may meet a new person."""
        m = self.model
        if self.neighbours:
            friend = self.random.choice(self.neighbours)
        else:  # fully mixed market: anyone
            friend = m.customer_list[self.random.randrange(m.n_customers)]
            if friend is self:
                return self
        m.sellers[s].record_gift(new_user=not friend.bought[s])
        if not friend.bought[s]:
            friend.receive_gift(s)
        return friend


class Reseller(Customer):
    """Buys in bulk to resell to its contacts (C6): a tied agent when ``tied_to`` names a seller,
    an independent reseller otherwise. Does not buy for its own use."""

    def __init__(self, model, trait, segment, need, n_sellers, tied_to: int | None = None):
        super().__init__(model, trait, segment, need, n_sellers)
        self.tied_to = self.source = tied_to
        self.role = TIED_AGENT if tied_to is not None else INDEPENDENT_RESELLER
        self.working = True
        self.stock = [0] * n_sellers  # units in hand, per seller
        self.contentment = 1.0  # a tied agent's feeling about the deal (support and margin)
        # Running (exponentially smoothed) support and margin; agents join expecting the deal
        # they were promised, so both start at what would fully content them.
        self.support_seen = model.agent_support_need
        self.margin_seen = model.agent_margin_need
        self.contacts: list[Customer] | None = None  # found on the first working week
        self.turned_away: set[Customer] = set()  # disappointed end users: no longer buy from us
        self.sold_to: list[tuple[Customer, int]] = []  # this week's end users (verdict pending)
        self.margin_week = 0.0  # margin on resales since our last step
        self.units_resold = self.written_off = 0
        self.trade_revenue = 0.0

    def step(self):
        """A trading week: hear last week's buyers, pick a source, restock in bulk, offer the
        goods to every contact, and (a tied agent) weigh the deal."""
        self.exposed.clear()
        if not self.working:
            return
        if self.contacts is None:
            self.find_contacts()
        self.hear_end_users()
        s = self.pick_source()
        if s is None:
            return
        self.restock(s)
        self.offer_to_contacts(s)
        if self.tied_to is not None:
            self.weigh_the_deal(s)
        self.margin_week = 0.0
        if self.active and self.model.week >= self.review_week:
            self.update_stage()

    def find_contacts(self):
        """Friends first, then other people of the market, up to ``reseller_contacts``."""
        m = self.model
        want = m.reseller_contacts
        contacts = [c for c in self.neighbours if not isinstance(c, Reseller)][:want]
        if len(contacts) < want:
            taken = {id(c) for c in contacts} | {id(self)}
            sample = self.random.sample(m.customer_list, min(m.n_customers, 2 * want + 10))
            for c in sample:
                if len(contacts) >= want:
                    break
                if id(c) not in taken and not isinstance(c, Reseller):
                    contacts.append(c)
                    taken.add(id(c))
        self.contacts = contacts

    def pick_source(self) -> int | None:
        """A tied agent: its seller. An independent: the best margin per unit among the sellers
        still open (no loyalty; a tie keeps the current source; None when all have closed)."""
        if self.tied_to is not None:
            return self.tied_to
        sellers = self.model.sellers
        margins = [s.price * (1 - s.agent_price) if s.open else -math.inf for s in sellers]
        top = max(margins)
        if top == -math.inf:  # every seller has closed
            return None
        if self.source is None or margins[self.source] < top:
            self.source = self.random.choice([k for k, x in enumerate(margins) if x == top])
        return self.source

    def restock(self, s: int):
        """Bulk order at the agent price, up to ``reseller_stock`` units: a purchase."""
        m, seller = self.model, self.model.sellers[s]
        order = m.reseller_stock - self.stock[s]
        if order <= 0:
            return
        if not (self.active and self.seller == s):
            self.switch_to(s)
            self.acquisition_channel = self.relations[s].heard_via = TRADE
        paid = seller.sell_wholesale(order)
        self.book(s, order, order * seller.price, paid, paid - order * seller.unit_cost)
        self.stock[s] += order
        self.bought[s] += 1
        self.purchases += order
        self.last_purchase_week = m.week
        self.lifetime_revenue += paid
        self.lifetime_margin += paid - order * seller.unit_cost
        # Our satisfaction with the seller is our contentment with the deal; only agents are loyal.
        self.satisfaction[s] = self.contentment
        self.loyalty[s] = self.contentment if self.tied_to is not None else 0.0
        self.loyalty_week[s] = m.week
        self.update_stage()

    def offer_to_contacts(self, s: int):
        """Tell every contact about the goods in hand; we become their dealer for them."""
        for c in self.contacts:
            if not (c.dropped[s] or c in self.turned_away):
                c.meet_dealer(self, s)

    def resell(self, customer: Customer, seller, discount: float) -> tuple[float, float]:
        """An end user buys seller's goods from our stock (called by ``Seller.sell``): the money
        is ours, the seller was paid at restocking; returns what the seller got now (nothing)."""
        s = seller.number
        self.stock[s] -= 1
        paid = seller.price * (1 - discount)  # we honour the seller's offers at our own cost
        self.margin_week += paid - seller.price * seller.agent_price
        self.trade_revenue += paid
        self.units_resold += 1
        customer.pay_dealer(s, paid)
        seller.record_resale()
        self.sold_to.append((customer, s))
        return 0.0, 0.0

    def hear_end_users(self):
        """Last week's buyers have judged what we sold them: the disappointed turn away from us,
        and we look for someone new to offer the goods to."""
        for customer, s in self.sold_to:
            if customer.satisfaction[s] < COMPLAINS_BELOW and customer not in self.turned_away:
                self.turned_away.add(customer)
                customer.leave_dealer(self)
                self.contacts.remove(customer)
                self.prospect()
        self.sold_to.clear()

    def prospect(self):
        """Add one person we have not offered to yet (a few tries; none found is fine)."""
        people = self.model.customer_list
        for _ in range(5):
            c = people[self.random.randrange(len(people))]
            if c is not self and not isinstance(c, Reseller) and c not in self.turned_away \
                    and c not in self.contacts:
                self.contacts.append(c)
                return

    def weigh_the_deal(self, s: int):
        """A tied agent needs both support and margin: contentment is the geometric mean of how
        far its running view of each meets its need; below ``agent_quit_below`` it quits."""
        m, seller = self.model, self.model.sellers[s]
        self.support_seen += AGENT_MEMORY * (seller.agent_support - self.support_seen)
        self.margin_seen += AGENT_MEMORY * (self.margin_week - self.margin_seen)
        support = min(1.0, self.support_seen / m.agent_support_need)
        margin = min(1.0, max(0.0, self.margin_seen) / m.agent_margin_need)
        self.contentment = math.sqrt(support * margin)
        if self.contentment < m.agent_quit_below:
            self.quit()

    def quit(self):
        """Stop trading for good; unsold stock stays with us (already paid for)."""
        self.working = False
        self.written_off += sum(self.stock)
        self.stock = [0] * len(self.stock)
        if self.active:
            self.leave(for_good=True, reason=QUIT)


def gift_reception(seller, friend: Customer) -> tuple[float, float, float]:
    """How ``friend`` would receive a gift from ``seller`` on a good day (on time, no chance),
    changing nothing: (expectation, performance, satisfaction). The friend's expectation is a
    first impression of the seller, as :meth:`Customer.receive_gift` gives one (unless the friend
    already knows it); the performance is the seller's honest performance for the friend's own
    needs; the satisfaction is :func:`~sim.customers.judge` of the two, as in
    :meth:`Customer.experience`. Read-only: for the by-hand step of lesson 1."""
    m, s = seller.model, seller.number
    expectation = friend.expectation[s] if friend.aware[s] else seller.first_impression(friend)
    performance = seller.honest_performance(friend)
    return expectation, performance, judge(performance, expectation, m.loss_aversion,
                                           m.disconfirmation_weight)


def cast(model, n: int) -> dict[int, type | partial]:
    """Who plays a role: {person index: class}. Draws nothing when every role is off, so
    markets without roles are exactly the same as before the roles existed."""
    roles: dict[int, type | partial] = {}
    tied = []
    for i in range(model.n_sellers):
        phase = phase_of(model.p[f"seller{i + 1}.strategy"])
        tied += [i] * seller_levers(model.p, i + 1, phase)["agents"]
    n_resellers = len(tied) + model.independents
    if n_resellers:
        for k, i in enumerate(model.rng.choice(n, size=n_resellers, replace=False).tolist()):
            roles[i] = partial(Reseller, tied_to=tied[k]) if k < len(tied) else Reseller
    if model.gift_share > 0:
        for i in (model.rng.random(n) < model.gift_share).nonzero()[0].tolist():
            roles.setdefault(i, GiftBuyer)
    return roles
