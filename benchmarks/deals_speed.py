#!/usr/bin/env python3
"""Deals lens speed: package evaluation and search, against a plain per-package reference.

    .venv/bin/python benchmarks/deals_speed.py                 # the issue's sizes
    .venv/bin/python benchmarks/deals_speed.py --quick         # smaller, for a smoke run

1. *Evaluation*: the shipped scenario with 20 packages (its 5 plus 15 from a Sobol design),
   over 10,000 draws on the sweep runner's local processes; the same packages on a few draws
   by a plain reference that judges one package in one draw at a time through the lenses'
   own scalar engines (map_design + solve_udg, the ratification lens's vote distribution per
   position), to give the speed-up per (package, draw) and check the numbers agree.
2. *Search*: at least 100,000 candidates on 1,000 common draws, the top ten re-judged exactly
   on 10,000 draws; wall time and peak memory (RSS of this process and its workers).

No timed assertion anywhere: this prints figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from detente.deals.inputs import compile_inputs
from detente.deals.packages import named_packages
from detente.deals.search import candidate_packages, search_box
from detente.deterrence.design_mapping import map_design
from detente.deterrence.udg import solve_udg
from detente.ratification.chamber_vote import (
    VoteSetting,
    senate_distribution,
    senate_pass_mask,
    yea_probabilities,
)
from detente.ratification.members import members_from_parties
from detente.ratification.position import RollCall
from detente.scenario import load_scenario, shipped_path
from detente.scenario.deals_section import Package
from detente.uncertainty.deal_search import run_search
from detente.uncertainty.deals import deal_sweep
from detente.uncertainty.executors import open_backend
from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs, variants


def with_packages(count: int):  # type: ignore[no-untyped-def]
    """The shipped scenario with ``count`` packages: its own, then Sobol ones."""
    scenario = load_scenario(shipped_path())
    section = scenario.deals
    assert section is not None
    inputs = compile_inputs([scenario])
    box = search_box(inputs, section)
    extra = candidate_packages(box, count - len(section.packages), seed=3)
    designs = [d.id for d in inputs.designs]
    packages = list(section.packages)
    for i in range(count - len(section.packages)):
        terms = dict(zip(inputs.terms.ids, map(float, extra.terms[0, i]), strict=True))
        packages.append(
            Package(
                id=f"generated_{i}",
                name=f"Generated {i}",
                design=designs[int(extra.design[i])],
                terms=terms,
            )
        )
    return scenario.model_copy(
        update={"deals": section.model_copy(update={"packages": tuple(packages)})}
    )


def reference_joint(scenario, package) -> float:  # type: ignore[no-untyped-def]
    """One package in one draw, through the lenses' scalar engines (no vectorisation). Covers
    the link targets the shipped scenario uses and no fallback design."""
    from detente.deals.links import target_shift
    from detente.deals.utility import surplus
    from detente.scenario.deals_section import LinkTarget

    inputs = compile_inputs([scenario])
    m = inputs.design_index(package.design)
    x = np.array([[[package.terms[t] for t in inputs.terms.ids]]], dtype=float)
    design_axis = np.array([m])
    accepted = all(
        float(surplus(p, inputs.terms, x, p.design_utility[:, [m]])[0, 0]) >= 0
        for p in inputs.parties
    )
    guarantees = scenario.guarantees
    design = guarantees.design(package.design)
    shifts = {t: float(target_shift(inputs, t, x, design_axis)[0, 0]) for t in LinkTarget}
    mapped = map_design(guarantees, design)
    from detente.deterrence.design_mapping import credibility_from_cost, force_effects

    d = inputs.designs[m]
    size = float(d.force_size[0]) + shifts[LinkTarget.FORCE_SIZE]
    rho = tripwire = denial = 0.0
    if d.posture is not None:
        r, c, s = force_effects(
            d.posture,
            size,
            trigger_probability=d.trigger_probability[0],
            trigger_full_size=d.trigger_full_size[0],
            tripwire_cost=d.tripwire_cost[0],
            denial_shift=d.denial_shift[0],
            denial_full_size=d.denial_full_size[0],
        )
        rho, tripwire, denial = float(r), float(c), float(s)
    cost = max(0.0, float(d.text_cost[0]) + tripwire + shifts[LinkTarget.RENEGING_COST])
    q = rho + (1 - rho) * credibility_from_cost(mapped.credibility_prior, cost, mapped.margin_sd)
    params = mapped.udg.as_dict()
    for target, name in (("cSQ", "cSQ"), ("cDD_hard", "cDD_hard"), ("cDD_soft", "cDD_soft")):
        params[name] = float(d.challenger[name[1:]][0]) + shifts[LinkTarget(target)]
    drop = denial * (params["cDD_hard"] - params["cCD"])
    params.update(pDef=q, cDD_hard=params["cDD_hard"] - drop, cDD_soft=params["cDD_soft"] - drop)
    p_deter = solve_udg(params).outcome["SQ"]
    p_ratify = 1.0
    if d.vote is not None:
        section = scenario.ratification
        setting = VoteSetting.of(section.vote_model)
        senate = members_from_parties(section.senate, "senate")
        t = float(d.vote.treaty[0]) + shifts[LinkTarget.TREATY_POSITION]
        qq = float(d.vote.status_quo[0])
        roll = RollCall(((t + qq) / 2, 0.0), ((qq - t) / 2, 0.0))
        n = len(senate.members)
        mask = senate_pass_mask(n, n, d.vote.form, d.vote.cloture, d.vote.veto)
        p_ratify = float(
            senate_distribution(
                senate, section.senate, yea_probabilities(senate, roll, setting), setting
            )[mask].sum()
        )
    return float(accepted) * p_ratify * p_deter


def rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    draws = 1000 if args.quick else 10_000
    candidates = 10_000 if args.quick else 100_000
    search_draws = 200 if args.quick else 1000

    scenario = with_packages(20)
    with open_backend("processes", args.workers) as backend:
        start = time.perf_counter()
        result = deal_sweep(
            scenario, draws, seed=1, executor=backend.executor, workers=backend.workers
        )
        evaluation = time.perf_counter() - start
    per = evaluation / (draws * 20)
    print(
        f"evaluation: 20 packages x {draws:,} draws on {args.workers} processes: {evaluation:.1f} s "
        f"({per * 1e6:.1f} us per package-draw wall)"
    )

    # reference: one (package, draw) at a time, on the first draws of the same seed
    inputs_found = find_inputs(scenario)
    sample = list(variants(scenario, VariantPlan(inputs_found), draw_columns(inputs_found, 5, 1)))
    start = time.perf_counter()
    ref = np.array([[reference_joint(s, p) for p in s.deals.packages] for s in sample])
    ref_time = (time.perf_counter() - start) / ref.size
    from detente.deals.evaluate import evaluate_packages

    inputs = compile_inputs(sample)
    fast = evaluate_packages(inputs, named_packages(sample, inputs)).p_joint[:, :20]
    plain = [k for k, p in enumerate(sample[0].deals.packages) if p.fallback_design is None]
    ref, fast = ref[:, plain], fast[:, plain]  # the reference has no fallback designs
    print(
        f"reference: {ref_time * 1e3:.2f} ms per package-draw (one process); vectorised "
        f"engine {per * args.workers * 1e3:.3f} ms of CPU per package-draw: "
        f"{ref_time / (per * args.workers):.0f}x; max |difference| {np.max(np.abs(ref - fast)):.1e}"
    )

    with open_backend("processes", args.workers) as backend:
        start = time.perf_counter()
        found = run_search(
            load_scenario(shipped_path()),
            candidates=candidates,
            draws=search_draws,
            seed=1,
            top=10,
            confirm_draws=draws,
            executor=backend.executor,
            workers=backend.workers,
        )
        search = time.perf_counter() - start
    best = found.confirmed[found.top[0]]
    print(
        f"search: {found.scores.size:,} candidates on {search_draws:,} common draws, top ten "
        f"re-judged on {draws:,}: {search:.1f} s, peak RSS {rss_mb():,.0f} MB; best P(joint) "
        f"{best.p_joint:.3f} [{best.intervals['joint'][0]:.2f}-{best.intervals['joint'][1]:.2f}]; "
        f"vote interpolation error {found.curve_error:.1e}"
    )
    print("summary:", {p.id: round(p.p_joint, 3) for p in result.packages[:5]})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
