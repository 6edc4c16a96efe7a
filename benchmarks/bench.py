"""Speed benchmark: Pasar's model against Mesa's own cost, measured in one process run.

    python benchmarks/bench.py            # prints throughputs and the ratios the project targets

References (same process, same machine, same moment), 10,000 agents for 100 steps:
  * an empty agent stepped by ``AgentSet.shuffle_do`` (Mesa's activation overhead);
  * Mesa's own Boltzmann wealth example as shipped in ``mesa.examples`` (agents move on a
    100x100 grid and give one unit to a cellmate), its agents stepped by ``shuffle_do`` without
    its data collection: the reference for the targets;
  * for transparency, a stripped Boltzmann agent with no grid (give one unit to any random
    agent): the cheapest agent step Mesa can run.
Targets: Pasar's customer-weeks per second >= 1/3 of Boltzmann agent-steps per second; the
default head-to-head comparison over 5 seeds takes no longer than 10,000 Boltzmann agents for
100 steps; time per customer-week stays flat from 2,000 to 20,000 customers and 26 to 104 weeks;
a 10 x 10 regime map of the default market over 5 seeds (seller 1 product-centric against
customer-centric, two runs per cell and seed: 1,000 runs) takes under 30 s on a 2-core machine
(a local process pool, no cache), and its cost per run is the same as a 3 x 3 map's.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import mesa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import sim  # noqa: E402
from sim.runner import SerialExecutor  # noqa: E402


class EmptyAgent(mesa.Agent):
    def step(self):
        pass


class MoneyAgent(mesa.Agent):
    """Boltzmann wealth: start with 1; each step give 1 to a random agent if you have any."""

    def __init__(self, model):
        super().__init__(model)
        self.wealth = 1

    def step(self):
        if self.wealth > 0:
            other = self.random.choice(self.model.everyone)
            other.wealth += 1
            self.wealth -= 1


class RefModel(mesa.Model):
    def __init__(self, agent_class, n, seed=1):
        super().__init__(rng=seed)
        agent_class.create_agents(self, n)
        self.everyone = list(self.agents)

    def step(self):
        self.agents.shuffle_do("step")


def best_of(fn, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def reference(agent_class, n=10_000, steps=100):
    def go():
        model = RefModel(agent_class, n)
        for _ in range(steps):
            model.step()
    seconds = best_of(go)
    return n * steps / seconds, seconds


def mesa_boltzmann(n=10_000, steps=100):
    """Mesa's shipped example; only the agents' steps are timed."""
    from mesa.examples.basic.boltzmann_wealth_model.model import (
        BoltzmannScenario,
        BoltzmannWealth,
    )

    def go():
        model = BoltzmannWealth(BoltzmannScenario(n=n, width=100, height=100, rng=1))
        start = time.perf_counter()
        for _ in range(steps):
            model.agents.shuffle_do("step")
        return time.perf_counter() - start
    seconds = min(go() for _ in range(2))
    return n * steps / seconds, seconds


def regime_map(n: int, seeds: int = 5) -> tuple[float, int]:
    """Seconds for an n x n regime map of the default market (talkativeness x loyalty weight),
    seller 1 product-centric against customer-centric, on a local process pool, no cache;
    and the number of runs it made."""
    values = [round(i / (n - 1), 3) for i in range(n)]
    start = time.perf_counter()
    table = sim.regimes({}, x=("wom_rate", [0.05 + 0.9 * v for v in values]),
                        y=("loyalty_weight", [1.8 * v for v in values]), a="product",
                        b="customer", seeds=range(1, seeds + 1), cache=False)
    return time.perf_counter() - start, 2 * len(table) * seeds


# every role switched on: gifts, tied agents and independent resellers, a three-line range
ROLES = {"scenario": "head_to_head", "gift_share": 0.3, "independents": 10,
         "seller2.agents": 20, "seller2.product_lines": 3}


def pasar(n, weeks, scenario="head_to_head"):
    seconds = best_of(lambda: sim.run(scenario, seed=1, weeks=weeks, n_customers=n), 2)
    return n * weeks / seconds, seconds


def main():
    empty_rate, _ = reference(EmptyAgent)
    bare_rate, _ = reference(MoneyAgent)
    boltzmann_rate, boltzmann_seconds = mesa_boltzmann()
    print(f"Mesa {mesa.__version__}, 10,000 agents x 100 steps:")
    print(f"  empty agent, shuffle_do:          {empty_rate:>11,.0f} agent-steps/s")
    print(f"  Boltzmann (mesa.examples, grid):  {boltzmann_rate:>11,.0f} agent-steps/s "
          f"({boltzmann_seconds:.2f} s)")
    print(f"  Boltzmann stripped (no grid):     {bare_rate:>11,.0f} agent-steps/s")
    rows = {}
    for n, weeks in ((300, 104), (2_000, 26), (2_000, 52), (2_000, 104), (20_000, 26),
                     (20_000, 52)):
        rate, seconds = pasar(n, weeks)
        rows[(n, weeks)] = rate
        print(f"Pasar head_to_head {n:>6,} customers x {weeks:>3} weeks: {seconds:6.2f} s, "
              f"{rate:>9,.0f} customer-weeks/s")
    rate = rows[(20_000, 52)]
    roles_rate, roles_seconds = pasar(20_000, 52, ROLES)
    print(f"Pasar with every role on 20,000 customers x  52 weeks: {roles_seconds:6.2f} s, "
          f"{roles_rate:>9,.0f} customer-weeks/s")
    print(f"ratio Pasar (20,000 x 52) / Boltzmann (mesa.examples): {rate / boltzmann_rate:.2f}"
          "  (target >= 0.33)")
    print(f"ratio with every role on / Boltzmann (mesa.examples): "
          f"{roles_rate / boltzmann_rate:.2f}  (target >= 0.33)")
    print(f"ratio Pasar (20,000 x 52) / stripped Boltzmann: {rate / bare_rate:.2f};"
          f" / empty shuffle_do: {rate / empty_rate:.2f}")
    compare_seconds = best_of(lambda: sim.compare(["head_to_head"], seeds=range(5),
                                                  executor=SerialExecutor()), 2)
    print(f"head-to-head compare, 5 seeds, 300 x 104, one core: {compare_seconds:.2f} s; ratio "
          f"to 10,000 Boltzmann agents x 100 steps: {compare_seconds / boltzmann_seconds:.2f}"
          "  (target <= 1)")
    print(f"linearity (1.0 = linear): cost per customer-week at 20,000 vs 2,000 customers "
          f"{rows[(2_000, 52)] / rows[(20_000, 52)]:.2f}; at 104 vs 26 weeks "
          f"{rows[(2_000, 26)] / rows[(2_000, 104)]:.2f}")
    small_seconds, small_runs = regime_map(3)
    map_seconds, map_runs = regime_map(10)
    print(f"regime map 10 x 10 x 5 seeds x 2 sides ({map_runs:,} runs of 300 x 104), "
          f"{os.cpu_count()} processes: {map_seconds:.1f} s (target < 30 s); ratio to 10,000 "
          f"Boltzmann agents x 100 steps: {map_seconds / boltzmann_seconds:.2f}")
    print(f"cost per run, 10 x 10 map vs 3 x 3 map ({small_runs} runs, {small_seconds:.1f} s): "
          f"{(map_seconds / map_runs) / (small_seconds / small_runs):.2f}  (1.0 = the same)")


if __name__ == "__main__":
    main()
