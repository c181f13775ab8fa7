"""The self-contained HTML report: one file, opened offline, that shows every lens's answers.

plotly.js is inlined once from the installed plotly package and the CSS is inline, so the file
needs no network. Every user-supplied string goes through Jinja2's autoescaping (and through
plotly's own escaping inside figures), so a scenario cannot inject markup into its report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from detente import __version__
from detente.report.assumptions import assumptions, uncertain_inputs
from detente.report.blocks import (
    Block,
    FigureBlock,
    Headline,
    TableBlock,
    figure_json,
    table_csv_data_uri,
)
from detente.report.figures import lens_blocks, lens_headlines, lens_order
from detente.report.palette import ActorPalette
from detente.scenario.model import Scenario

__all__ = ["LensSection", "build_report", "report_sections"]


@dataclass(frozen=True)
class LensSection:
    """One section of the report: a lens's (or the uncertainty layer's) blocks and headlines."""

    name: str
    title: str
    blocks: tuple[Block, ...]
    headlines: tuple[Headline, ...] = field(default=())

    @property
    def anchor(self) -> str:
        return f"lens-{self.name.replace('_', '-')}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("detente.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["figure_json"] = lambda block: Markup(figure_json(block))
    env.filters["csv_uri"] = table_csv_data_uri
    env.filters["safe_url"] = _safe_url
    env.tests["figure"] = lambda block: isinstance(block, FigureBlock)
    env.tests["table"] = lambda block: isinstance(block, TableBlock)
    return env


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable: a ``javascript:`` URL in a source is not."""
    if not url:
        return None
    return url if urlparse(url.strip()).scheme.lower() in {"http", "https"} else None


@cache
def _plotly_js() -> Markup:
    from plotly.offline import get_plotlyjs

    # the bundle contains no "</script"; guard anyway, the file must stay well formed
    return Markup(get_plotlyjs().replace("</script", "<\\/script"))


def report_sections(
    scenario: Scenario,
    results: Mapping[str, Any],
    lenses: Mapping[str, Any],
    palette: ActorPalette,
    lens_uncertainty: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[LensSection]:
    """The lens sections, in their figure modules' reading order, for every lens with a result.

    ``lens_uncertainty`` maps a lens name to its outputs' distributions over a sweep (by
    summary key); figure modules that can show spreads receive them.
    """
    sections = []
    for name in sorted(lenses, key=lens_order):
        lens = lenses[name]
        if name not in results:
            continue
        result = results[name]
        spreads = (lens_uncertainty or {}).get(name)
        sections.append(
            LensSection(
                name=name,
                title=lens.title,
                blocks=tuple(lens_blocks(lens, scenario, result, palette, spreads)),
                headlines=tuple(lens_headlines(lens, scenario, result, spreads)),
            )
        )
    return sections


def build_report(
    scenario: Scenario,
    results: Mapping[str, Any],
    *,
    lenses: Mapping[str, Any] | None = None,
    extra_sections: Sequence[LensSection] = (),
    lens_uncertainty: Mapping[str, Mapping[str, Any]] | None = None,
    generated_at: dt.datetime | None = None,
    inline_plotlyjs: bool = True,
) -> str:
    """The whole report as one HTML document.

    ``results`` maps lens names to the results of ``lens.run``; ``lenses`` defaults to
    :func:`detente.lens.available_lenses`. ``extra_sections`` (e.g. the uncertainty section)
    are appended after the lens sections; ``lens_uncertainty`` (lens name -> summary key ->
    distribution over a sweep) lets lens figures show spreads. ``inline_plotlyjs=False`` leaves plotly.js out (for
    pages that load it themselves, such as the web app); a standalone report needs it inlined.
    """
    if lenses is None:
        from detente.lens import available_lenses

        lenses = available_lenses()
    palette = ActorPalette.from_scenario(scenario)
    sections = [
        *report_sections(scenario, results, lenses, palette, lens_uncertainty),
        *extra_sections,
    ]
    headlines = [h for section in sections for h in section.headlines]
    stamp = generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    documented = assumptions(scenario)
    template = _environment().get_template("report.html")
    return template.render(
        scenario=scenario,
        palette=palette,
        sections=sections,
        headlines=headlines,
        assumptions=documented,
        assumption_groups=[
            (section, list(items)) for section, items in groupby(documented, lambda a: a.section)
        ],
        uncertain=uncertain_inputs(scenario),
        version=__version__,
        generated_at=stamp.isoformat().replace("+00:00", "Z"),
        plotly_js=_plotly_js() if inline_plotlyjs else None,
    )
