"""The seller: a shop whose strategy is a bundle of levers.

*Product-centric* sellers reach everyone, relaunch new products as novelty fades and buy
newcomers with discounts. *Customer-centric* sellers first research needs (paying and waiting),
then fit their product to a segment, aim their ads at it and keep in touch with known customers
through CRM offers. A *switch* seller is product-centric until its switch week, then
customer-centric. Operations (the honesty of the promise, after-sales service, complaint
handling, orders sent on time) are the same for every strategy unless set. Every lever can be
overridden; every cost lands in one of the cost lines below.

Two constraints of a small, new business (both off or harmless by default): *cash* (starting
cash plus profit so far; a seller in debt for ``bust_weeks`` weeks in a row closes, and its
customers go free) and *learning by doing* (with ``learning_half_life`` > 0 a new seller's
promises, service and complaint handling start clumsy and reach the levels it sets as its sales
accumulate; research is quicker among people it has already sold to).
"""

from __future__ import annotations

import math

import mesa

from .customers import GIFT, NEUTRAL, SELLER_CLOSED
from .params import seller_levers
from .phase import phase_of

COST_LINES = ("goods", "advertising", "discounts", "research", "development", "service",
              "complaints", "crm", "trade_discounts", "agent_support", "staff", "range")
ACQUISITION_COSTS = ("advertising", "discounts")  # spent to win newcomers (discounts: split)
QUIET_WEEKS = 4  # a customer this long without buying gets a CRM offer


def circular_distance(a: float, b: float) -> float:
    """Needs and products live on a circle of circumference 1 (no edge effects)."""
    d = abs(a - b) % 1.0
    return 1.0 - d if 1.0 - d < d else d  # the shorter way round


def fit(need: float, position: float, width: float) -> float:
    """1 when a product at ``position`` sits on ``need``, falling off with distance."""
    return math.exp(-((circular_distance(need, position) / width) ** 2))


class Seller(mesa.Agent):
    """A shop: levers from its strategy, a product, customers, and a ledger."""

    def __init__(self, model, number: int, strategy: str, switch_week: int, values: dict):
        super().__init__(model)
        self.number = number  # 0-based index into model.sellers
        self.name = f"seller{number + 1}"
        self.strategy, self.switch_week = strategy, switch_week
        self._values = values
        self.phase = phase_of(strategy)
        self.starting_cash = self.cash = values[f"{self.name}.starting_cash"]
        self.open = True
        self.weeks_in_debt = 0
        self.sales_made = 0  # sales served so far: the experience learning counts
        self.sales_by_segment = [0] * model.n_segments
        self.apply_levers()
        self.product_position = float(model.rng.random())  # a first guess at what sells
        self.novelty = 1.0
        self.launches = 0  # products launched after the first
        self.last_launch = 0
        self.research_left = self.research_time()
        self.target_segment: int | None = None
        if self.phase == "customer" and not self.research_weeks:  # knows its market already
            self.target_segment = model.largest_segment()
            self.product_position = model.segment_centres[self.target_segment]
        self.customers: set = set()  # active customers
        self.review_sum = 0.0
        self.review_count = 0
        self.reset_week()
        self.cumulative_profit = 0.0
        self.profit = 0.0
        self.update_quality()

    def apply_levers(self):
        """Read every lever of the current phase into attributes (and ``levers``, the record of
        what the seller plays now)."""
        self.levers = seller_levers(self._values, self.number + 1, self.phase)
        for name, value in self.levers.items():
            setattr(self, name, value)
        self.core_quality = self.quality  # the lever; ``quality`` is what is delivered this week
        self.is_service = self.offering == "service"
        self.update_skill()

    def reset_week(self):
        self.costs = dict.fromkeys(COST_LINES, 0.0)
        self.acquisition_discounts = 0.0
        self.revenue = 0.0
        self.units = self.acquired = self.lost = self.referrals = self.complaints = 0
        self.gift_purchases = self.gift_recipients_reached = self.gift_recipients_converted = 0
        self.reseller_units = 0
        self.cross_sales_revenue = 0.0
        self.active_at_start = len(self.customers) if hasattr(self, "customers") else 0

    # --- the weekly routine, before customers act --------------------------------------------
    def step(self):
        """Switch if due, research, relaunch, advertise and reach out to quiet customers."""
        self.reset_week()
        if not self.open:
            return
        week = self.model.week
        phase = phase_of(self.strategy, week, self.switch_week)
        if phase != self.phase:  # a switch seller's switch week
            self.phase = phase
            self.apply_levers()
            self.research_left = self.research_time()
        self.update_quality()
        self.update_skill()
        self.pay_running_costs()
        self.do_research()
        if self.launch_every and week - self.last_launch >= self.launch_every:
            drift = self.model.rng.normal(0.0, self.model.launch_drift)  # unresearched guess
            self.launch((self.product_position + drift) % 1.0)
        self.advertise()
        self.send_offers()
        self.novelty *= self.model.novelty_keep

    def update_quality(self):
        """This week's quality: the core quality, diluted by every pair of product lines
        (C13) and, for a service, by clients beyond what the staff can serve (C5)."""
        q, lines = self.core_quality, self.product_lines
        if lines > 1:
            q *= max(0.0, 1.0 - self.line_dilution * lines * (lines - 1) / 2)
        if self.is_service:
            load = len(self.customers) / (self.staff * self.model.clients_per_staff)
            if load > 1.0:
                q /= 1.0 + self.model.overload_effect * (load - 1.0)
        self.quality = q

    def update_skill(self):
        """Learning by doing: the share of its set operations a seller manages after
        ``sales_made`` sales, 1 − 0.5^(sales / half-life) (1 when learning is off)."""
        half_life = self.model.learning_half_life
        self.skill = 1.0 - 0.5 ** (self.sales_made / half_life) if half_life else 1.0
        self.service_delivered = self.service_level * self.skill

    def research_time(self) -> int:
        """Weeks of research needed: ``research_weeks``, shortened (learning on) by what the
        seller already knows of the segment research will find, from its sales there; at
        least one week to study its own records."""
        weeks, half_life = self.research_weeks, self.model.learning_half_life
        if not (weeks and half_life):
            return weeks
        sold = self.sales_by_segment[self.model.largest_segment()]
        return max(1, math.ceil(weeks * 0.5 ** (sold / half_life)))

    def pay_running_costs(self):
        """Weekly fixed costs of roles and ranges: staff, extra lines, support of agents."""
        m = self.model
        if self.is_service:
            self.costs["staff"] += self.staff * m.staff_cost
        if self.product_lines > 1:
            self.costs["range"] += (self.product_lines - 1) * m.line_cost
        if m.resellers and self.agent_support:
            working = sum(1 for a in m.resellers if a.tied_to == self.number and a.working)
            self.costs["agent_support"] += working * self.agent_support

    def do_research(self):
        """Pay for research; when it is done, fit the product to the largest segment."""
        if self.research_left <= 0:
            return
        self.costs["research"] += self.model.research_cost
        self.research_left -= 1
        if self.research_left == 0:
            self.target_segment = self.model.largest_segment()
            self.launch(self.model.segment_centres[self.target_segment])

    def launch(self, position: float):
        """A new product: development cost, fresh novelty, a new fit to people's needs."""
        self.product_position = float(position)
        self.novelty = 1.0
        self.launches += 1
        self.last_launch = self.model.week
        self.costs["development"] += self.model.launch_cost

    def advertise(self):
        """Reach a random share of the market (a targeted share from the researched segment)."""
        m = self.model
        n = int(m.rng.binomial(m.n_customers, self.ad_reach)) if self.ad_reach else 0
        if not n:
            return
        self.costs["advertising"] += n * m.contact_cost
        targeted = 0
        if self.target_segment is not None and self.targeting:
            members = m.segment_members[self.target_segment]
            targeted = min(len(members), int(round(n * self.targeting)))
            for c in m.random.sample(members, targeted):
                c.see_ad(self.number)
        for c in m.random.sample(m.customer_list, n - targeted):
            c.see_ad(self.number)

    def send_offers(self):
        """CRM: a tailored discount to own customers who have gone quiet."""
        if not self.crm_offer:
            return
        week, s = self.model.week, self.number
        for c in self.customers:
            if week - c.last_purchase_week >= QUIET_WEEKS and not c.offer[s]:
                c.receive_offer(s, self.crm_offer)
                self.costs["crm"] += self.model.offer_cost

    # --- serving a customer ---------------------------------------------------------------
    def fit_for(self, customer) -> float:
        """1 when the product sits on the customer's need, falling off with distance (worked out
        once per customer and product: needs stay put, the product moves only at a launch)."""
        need = customer.need
        known = self.fits.get(need)
        if known is None:
            known = self.fits[need] = fit(need, self.product_position, self.model.fit_width)
        return known

    @property
    def product_position(self) -> float:
        """Where the product sits on the circle of needs (0..1)."""
        return self._position

    @product_position.setter
    def product_position(self, position: float):
        self._position = position
        self.fits: dict[float, float] = {}  # need -> fit of the product now

    def honest_performance(self, customer) -> float:
        """What this customer would get on a good day, on time."""
        fit = self.fits.get(customer.need)  # (fit_for, without the call when already known)
        if fit is None:
            fit = self.fit_for(customer)
        p = self.quality * fit + self.model.service_weight * self.service_delivered
        return p if p < 1.0 else 1.0

    def promised_performance(self, customer) -> float:
        """What the seller believes this customer will get: the truth once it knows its trade;
        a beginner counts on the service it means to give and on its product suiting
        everyone, and learns what it really delivers with every sale."""
        fit = self.fit_for(customer)
        believed_fit = fit + (1.0 - self.skill) * (1.0 - fit)
        p = self.quality * believed_fit + self.model.service_weight * self.service_level
        return p if p < 1.0 else 1.0

    def first_impression(self, customer) -> float:
        """Expectation of a newcomer: the promise, blended with reviews when there are any."""
        believed = (self.honest_performance(customer) if self.skill == 1.0
                    else self.promised_performance(customer))
        promise = believed + self.promise_gap
        promise = 0.0 if promise < 0.0 else 1.0 if promise > 1.0 else promise
        if not self.review_count:
            return promise
        w = self.model.review_weight
        return (1 - w) * promise + w * (self.review_sum / self.review_count)  # review_score

    def performance_for(self, customer) -> float:
        """What the customer actually gets this time: honest performance, a late delivery
        sometimes (the order left late, or the courier was late), and chance."""
        m = self.model
        p = self.honest_performance(customer)
        if m.chance() >= m.delivery_reliability * self.on_time_dispatch:
            p -= m.delivery_penalty
        if m.performance_noise:
            p += m.random.gauss(0.0, m.performance_noise)
        return 0.0 if p < 0.0 else 1.0 if p > 1.0 else p

    def sell(self, customer, discount: float) -> tuple[float, float]:
        """Book one sale at list price less ``discount``; return (paid, margin of the sale).

        A customer whose agent or reseller has our goods in stock buys from that stock instead
        (the reseller paid us when restocking). A loyal customer may add other lines (C12)."""
        s, price, costs = self.number, self.price, self.costs
        dealer = customer.dealer
        if dealer is not None and dealer.stock[s] > 0:
            return dealer.resell(customer, self, discount)
        paid = price * (1 - discount)
        self.revenue += price
        costs["goods"] += self.unit_cost
        costs["discounts"] += price - paid
        bought = customer.bought[s]
        if bought == 0:
            self.acquisition_discounts += price - paid
        service = self.model.service_cost * self.service_level
        if bought < 2:  # new customers ask many questions
            service += self.model.question_cost
        costs["service"] += service
        self.units += 1
        self.sales_made += 1
        self.sales_by_segment[customer.segment] += 1
        margin = paid - self.unit_cost - service
        customer.book(s, 1, price, paid, margin)
        if self.product_lines > 1:
            extra_paid, extra_margin = self.cross_sell(customer)
            paid, margin = paid + extra_paid, margin + extra_margin
        return paid, margin

    def cross_sell(self, customer) -> tuple[float, float]:
        """Each other line is added with probability ``cross_buy_rate`` × loyalty, at list
        price; returns (paid, margin) of the extra items."""
        p = self.model.cross_buy_rate * customer.loyalty_now(self.number)
        if p <= 0.0:
            return 0.0, 0.0
        rand = self.model.chance
        extra = sum(1 for _ in range(self.product_lines - 1) if rand() < p)
        if not extra:
            return 0.0, 0.0
        paid = extra * self.price
        self.revenue += paid
        self.costs["goods"] += extra * self.unit_cost
        self.units += extra
        self.cross_sales_revenue += paid
        customer.take_other_lines(self.number, extra)
        margin = paid - extra * self.unit_cost
        customer.book(self.number, extra, paid, paid, margin)
        return paid, margin

    def sell_wholesale(self, units: int) -> float:
        """Sell ``units`` in bulk to an agent or reseller at the agent price; return what it
        paid. The gap to the list price is the ``trade_discounts`` cost line."""
        paid = units * self.price * self.agent_price
        self.revenue += units * self.price
        self.costs["goods"] += units * self.unit_cost
        self.costs["trade_discounts"] += units * self.price - paid
        self.units += units
        return paid

    def lock_in(self, customer) -> float:
        """Extra hassle of leaving us: a bundle of our lines (C12), a service relationship that
        deepens over a year (C5)."""
        extra = self.bundle if self.number in customer.ecosystem else 0.0
        if self.is_service:
            extra += self.model.relationship_lock * min(1.0, customer.tenure_weeks / 52)
        return extra

    def handle_complaint(self, satisfaction: float) -> float:
        """A complaint; answered with probability ``complaint_handling`` (at a cost), and fixed
        as well as the seller's skill allows."""
        self.complaints += 1
        m = self.model
        if m.chance() < self.complaint_handling:
            self.costs["complaints"] += m.recovery_cost
            return satisfaction + m.recovery_lift * self.skill * (NEUTRAL - satisfaction)
        return satisfaction

    def add_review(self, satisfaction: float):
        self.review_sum += satisfaction
        self.review_count += 1

    @property
    def review_score(self) -> float:
        """Mean satisfaction of posted reviews, 0..1 (0 when there are none)."""
        return self.review_sum / self.review_count if self.review_count else 0.0

    def acquire(self, customer):
        """A new (or won-back) customer; whoever buys a service is a client (C5)."""
        self.customers.add(customer)
        self.acquired += 1
        customer.served_by(self.is_service)
        if customer.acquisition_channel == GIFT:
            self.gift_recipients_converted += 1

    def lose(self, customer):
        self.customers.discard(customer)
        self.lost += 1

    def record_referral(self):
        """A customer's story introduced us to someone new."""
        self.referrals += 1

    def record_gift(self, new_user: bool):
        """A gift buyer bought from us for a friend (``new_user``: who never bought here)."""
        self.gift_purchases += 1
        if new_user:
            self.gift_recipients_reached += 1

    def record_resale(self):
        """An agent or reseller sold one unit of our goods to an end user."""
        self.reseller_units += 1

    def close_week(self) -> float:
        """Settle the week: profit (revenue at list price less every cost line) and cash; a
        seller in debt for ``bust_weeks`` weeks in a row closes. Returns the profit."""
        profit = self.revenue - sum(self.costs.values())
        self.profit = profit
        self.cumulative_profit += profit
        self.cash = self.starting_cash + self.cumulative_profit
        self.weeks_in_debt = self.weeks_in_debt + 1 if self.cash < 0 else 0
        if self.open and self.weeks_in_debt >= self.model.bust_weeks:
            self.close()
        return profit

    def close(self):
        """Out of money: the shop closes for good. Its customers end their relationship with
        it (``seller_closed``) and nobody can buy here again; its agents stop trading."""
        self.open = False
        s = self.number
        # in a fixed order: a set's order follows memory addresses, and each leaving is a flow
        for customer in sorted(self.customers, key=lambda c: c.unique_id):
            customer.leave(for_good=True, reason=SELLER_CLOSED)
        for person in self.model.customer_list:
            person.drop(s)
        for agent in self.model.resellers:
            if agent.tied_to == s:
                agent.quit()
