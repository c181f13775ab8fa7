"""Time `detente report` on the shipped default scenario (target: under 5 s end to end).

Measures, over a few repeats: loading the scenario, running every lens that applies, building
the HTML (figures, tables, inlined plotly.js) and writing it. Run with

    .venv/bin/python benchmarks/report_speed.py [--repeats N] [--scenario NAME]

Figures measured on a shared machine are upper bounds; say so when quoting them.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--scenario", default=None, help="shipped scenario name or file")
    args = parser.parse_args()

    start = time.perf_counter()
    from detente.cli.common import load_arg
    from detente.report.html import build_report
    from detente.report.run import select_lenses

    import_s = time.perf_counter() - start
    phases: dict[str, list[float]] = {
        "load": [],
        "lenses": [],
        "html": [],
        "write": [],
        "total": [],
    }
    size = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            scenario = load_arg(args.scenario)
            t1 = time.perf_counter()
            lenses = select_lenses(scenario)
            results = {name: lens.run(scenario) for name, lens in lenses.items()}
            t2 = time.perf_counter()
            html = build_report(scenario, results, lenses=lenses)
            t3 = time.perf_counter()
            out.write_text(html, encoding="utf-8")
            t4 = time.perf_counter()
            for key, value in zip(
                phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0), strict=True
            ):
                phases[key].append(value)
            size = out.stat().st_size
    print(f"scenario: {scenario.id}; lenses: {', '.join(lenses) or '(none)'}")
    print(f"imports: {import_s:.2f} s (once per process)")
    print(f"{'phase':<8} {'min s':>8} {'median s':>9}")
    for key, values in phases.items():
        print(f"{key:<8} {min(values):>8.3f} {statistics.median(values):>9.3f}")
    print(
        f"report size: {size / 1e6:.2f} MB; first run includes template compilation and plotly.js read"
    )
    verdict = "meets" if statistics.median(phases["total"]) + import_s < 5 else "MISSES"
    print(
        f"end to end (imports + median total): {import_s + statistics.median(phases['total']):.2f} s, {verdict} the 5 s target"
    )


if __name__ == "__main__":
    main()
