"""Reports: the self-contained HTML report and the figures it shares with the web app.

``build_report(scenario, results)`` returns one HTML document; :mod:`detente.report.figures`
holds one module of plotly figure builders per lens; :mod:`detente.report.palette` gives each
actor one colour everywhere.
"""

from detente.report.blocks import Cell, FigureBlock, Headline, TableBlock
from detente.report.html import LensSection, build_report
from detente.report.palette import ActorPalette
from detente.report.run import run_lenses, write_report

__all__ = [
    "ActorPalette",
    "Cell",
    "FigureBlock",
    "Headline",
    "LensSection",
    "TableBlock",
    "build_report",
    "run_lenses",
    "write_report",
]
