"""Pasar: a market of customers and sellers, one step per week.

Each week: every seller runs its routine (switch, research, launch, advertise, CRM); every
customer, in random order, decides whether to buy and from whom; word of mouth spoken during the
week reaches the listeners at its end (so the order in which customers act does not matter);
the week's numbers are recorded.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import mesa
import networkx as nx
import numpy as np

from .customers import IMPULSIVE, PLAIN, THRIFTY, UNAWARE, Customer
from .metrics import WeeklyRecorder
from .params import validate
from .roles import Reseller, cast
from .sellers import Seller, fit


@lru_cache(maxsize=16)  # a 20,000-person graph is a few MB
def small_world(n: int, degree: int, rewiring: float, seed: int) -> tuple[tuple[int, ...], ...]:
    """Each place's friends (place numbers) in a seeded Watts–Strogatz graph. Remembered: the
    runs of a map or a comparison share their seeds, so each graph is drawn once per process
    (building it is a tenth of a default run)."""
    graph = nx.watts_strogatz_graph(n, degree, rewiring, seed=seed)
    return tuple(tuple(graph.adj[place]) for place in range(n))


class MarketModel(mesa.Model):
    """The market. Build it with a parameter dict (validated against ``sim.params``;
    ``checked=True`` says the dict already passed :func:`sim.params.validate`)."""

    def __init__(self, params: dict | None = None, *, rng: int | None = 0, lang: str = "en",
                 checked: bool = False):
        super().__init__(rng=rng)
        self.p = dict(params) if checked else validate(params or {}, lang)
        for name, value in self.p.items():  # market parameters become attributes
            if "." not in name:
                setattr(self, name, value)
        self.week = 0
        self.chance = self.random.random
        self.loyalty_keep = 1.0 - self.loyalty_decay
        self.novelty_keep = 0.5 ** (1.0 / self.novelty_half_life)
        self.segment_centres = [(k + 0.5) / self.n_segments for k in range(self.n_segments)]
        self.stage_counts: Counter = Counter()
        self.flows: Counter = Counter()  # (from_stage, to_stage) -> customers, this week
        self.messages: list = []  # word of mouth spoken this week, delivered at its end
        self.make_customers()
        self.sellers = [
            Seller(self, i, self.p[f"seller{i + 1}.strategy"], self.p[f"seller{i + 1}.switch_week"],
                   self.p)
            for i in range(self.n_sellers)
        ]
        self.make_network()
        self.reference_price = sum(s.price for s in self.sellers) / len(self.sellers)
        self.recorder = WeeklyRecorder(self)

    # --- construction ---------------------------------------------------------------------
    def make_customers(self):
        """Traits by the population sliders; needs scattered around segment centres."""
        n, rng = self.n_customers, self.rng
        traits = rng.choice([IMPULSIVE, THRIFTY, PLAIN], size=n, p=[
            self.share_impulsive, self.share_thrifty,
            max(0.0, 1.0 - self.share_impulsive - self.share_thrifty)])
        segments = rng.integers(self.n_segments, size=n)
        needs = (rng.normal(0.0, 1.0, size=n) * self.segment_spread
                 + [self.segment_centres[k] for k in segments]) % 1.0
        roles = cast(self, n)  # the few people who buy as gifts or to resell (none by default)
        self.customer_list = [
            roles.get(i, Customer)(self, str(traits[i]), int(segments[i]), float(needs[i]),
                                   self.n_sellers)
            for i in range(n)
        ]
        self.resellers = [self.customer_list[i] for i in sorted(roles)
                          if isinstance(self.customer_list[i], Reseller)]
        self.customer_array = np.empty(n, dtype=object)
        self.customer_array[:] = self.customer_list
        self.segment_members = [[c for c in self.customer_list if c.segment == k]
                                for k in range(self.n_segments)]
        self.stage_counts[(UNAWARE, None)] = n

    def make_network(self):
        """A seeded Watts–Strogatz small world: people sit on a ring of places, each befriends
        the nearest places and some ties are rewired to anyone (``rewiring``). Who sits where is
        :meth:`friendship_ring`. In a fully mixed market no edges are needed."""
        self.ring = self.customer_list
        if self.network != "small_world":
            return
        friends = small_world(self.n_customers, self.network_degree, self.rewiring,
                              int(self.rng.integers(2**31)))
        ring = self.ring = self.friendship_ring()
        for place, c in enumerate(ring):
            c.neighbours = [ring[j] for j in friends[place]]

    def friendship_ring(self) -> list:
        """People in ring order. With ``homophily`` h, each person sits, with probability h, at
        the place of their needs on the circle of needs, so friends tend to need the same
        (McPherson, Smith-Lovin & Cook 2001); the others keep a place unrelated to needs (their
        own number). At h = 0 the ring is everyone in order, today's network; at any h the graph
        is the same small world, only who sits where changes."""
        if not self.homophily:
            return self.customer_list
        n = self.n_customers
        by_need = self.rng.random(n) < self.homophily
        places = np.where(by_need, [c.need for c in self.customer_list], (np.arange(n) + 0.5) / n)
        return [self.customer_list[i] for i in np.argsort(places, kind="stable")]

    def friends_alike(self) -> float:
        """Share of friendships between people of the same need segment (by chance alone,
        about the sum of the squared segment shares; 0 without a network)."""
        pairs = [(c.segment, f.segment) for c in self.customer_list for f in c.neighbours]
        return sum(a == b for a, b in pairs) / len(pairs) if pairs else 0.0

    # --- the week -------------------------------------------------------------------------------
    def step(self):
        """Sellers act, customers act (random order), word of mouth lands, numbers recorded."""
        self.flows.clear()
        for seller in self.random.sample(self.sellers, len(self.sellers)):
            seller.step()
        # Random order each week, like AgentSet.shuffle_do but a numpy permutation (10x cheaper).
        for customer in self.customer_array[self.rng.permutation(self.n_customers)].tolist():
            customer.step()
        self.deliver_word_of_mouth()
        for seller in self.sellers:  # profit and cash; a seller in debt too long closes
            seller.close_week()
        self.recorder.record()
        self.week += 1

    def run(self, weeks: int | None = None):
        for _ in range(self.weeks if weeks is None else weeks):
            self.step()

    # --- services the agents call -----------------------------------------------------------
    def move(self, customer, stage: str, seller: int | None):
        """Put a customer in ``stage`` with ``seller``, keeping stage counts and flows."""
        self.stage_counts[(customer.stage, customer.seller)] -= 1
        self.flows[(customer.stage, stage)] += 1
        customer.stage, customer.seller = stage, seller
        self.stage_counts[(stage, seller)] += 1

    def word_of_mouth(self, speaker, s: int, performance: float, positive: bool):
        """Queue a story about seller ``s`` for one friend (anyone, when fully mixed)."""
        if self.network == "small_world":
            if not speaker.neighbours:
                return
            listener = self.random.choice(speaker.neighbours)
        else:
            listener = self.customer_list[self.random.randrange(self.n_customers - 1)]
            if listener is speaker:
                listener = self.customer_list[-1]
        self.messages.append((speaker, listener, s, performance, positive))

    def deliver_word_of_mouth(self):
        """Stories told this week reach their listeners now."""
        for speaker, listener, s, performance, positive in self.messages:
            self.recorder.wom[positive] += 1
            relevance = self.story_relevance(speaker, listener)
            if listener.hear(s, performance, positive, relevance) and positive:
                self.sellers[s].record_referral()
                speaker.record_referral()
        self.messages.clear()

    def story_relevance(self, speaker, listener) -> float:
        """How much a friend's experience tells the listener about their own: 1 − w·(1 − f),
        f the fit a product made for the speaker's needs would have for the listener's (the
        model's fit curve), w = ``wom_need_weighting`` (0: every story counts fully)."""
        if not self.wom_need_weighting:
            return 1.0
        return 1.0 - self.wom_need_weighting * (1.0 - fit(speaker.need, listener.need,
                                                          self.fit_width))

    def seller_found_online(self) -> int | None:
        """A searcher finds a seller with probability proportional to its number of reviews."""
        counts = [s.review_count if s.open else 0 for s in self.sellers]
        total = sum(counts)
        if not total:
            return None
        pick = self.random.random() * total
        for i, n in enumerate(counts):
            pick -= n
            if pick < 0:
                return i
        return len(counts) - 1

    def largest_segment(self) -> int:
        """What research finds: the segment with the most people (ties: the first)."""
        sizes = [len(m) for m in self.segment_members]
        return sizes.index(max(sizes))

