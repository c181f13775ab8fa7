"""The report document: self-contained, well formed, escaped, one section per lens."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from xss_payloads import MALICIOUS, MALICIOUS_ATTR

from detente.report import build_report
from detente.report.figures import figure_module


@dataclass(frozen=True)
class _Result:
    value: float


class _FakeLens:
    """A lens with no figure module: the report falls back to its summary table."""

    name = "zz_fake"
    title = "Fake lens " + MALICIOUS

    def applies(self, scenario):
        return True

    def run(self, scenario, rng=None):
        return _Result(0.25)

    def summary(self, result):
        return {"p_" + MALICIOUS: result.value, "count": 3.0}

    def to_json(self, result):
        return {"value": result.value}


def _no_injection(text: str) -> None:
    for needle in (MALICIOUS, "<img src=x", "onerror=alert(2)>", 'href="javascript:'):
        assert needle not in text, needle


def test_malicious_strings_are_escaped_everywhere(malicious_scenario, parse_html):
    lens = _FakeLens()
    text = build_report(
        malicious_scenario, {lens.name: lens.run(malicious_scenario)}, lenses={lens.name: lens}
    )
    _no_injection(text)
    parsed = parse_html(text)
    assert parsed.problems == []
    # the escaped text is still shown, literally
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # the javascript: URL is shown as text, never as a link
    assert not any(
        tag == "a" and (attrs.get("href") or "").startswith("javascript")
        for tag, attrs in parsed.tags
    )
    # only the inline scripts: plotly.js, the figure data and the report's own script
    assert all(not attrs.get("src") for tag, attrs in parsed.tags if tag == "script")


def test_report_is_self_contained(malicious_scenario, parse_html):
    parsed = parse_html(build_report(malicious_scenario, {}, lenses={}))
    assert parsed.external == []
    assert not any(tag == "link" for tag, _ in parsed.tags)


def test_lens_without_figure_module_gets_its_summary_table(malicious_scenario, parse_html):
    lens = _FakeLens()
    assert figure_module(lens.name) is None
    text = build_report(
        malicious_scenario, {lens.name: lens.run(malicious_scenario)}, lenses={lens.name: lens}
    )
    parsed = parse_html(text)
    assert "lens-zz-fake" in parsed.ids
    assert "zz-fake-summary" in parsed.ids
    assert ">0.25<" in text and ">3<" in text


def test_lens_without_result_gets_no_section(malicious_scenario, parse_html):
    lens = _FakeLens()
    parsed = parse_html(build_report(malicious_scenario, {}, lenses={lens.name: lens}))
    assert "lens-zz-fake" not in parsed.ids


def test_assumptions_and_sources_are_listed(malicious_scenario):
    text = build_report(malicious_scenario, {}, lenses={})
    assert 'id="assumptions"' in text and 'id="source-s1"' in text
    assert "actors[a]" in text  # list positions shown by id
    assert 'href="#source-s1"' in text  # numbered citation linked to the source list


def test_plotly_is_inlined_once_and_can_be_left_out(malicious_scenario):
    from plotly import __version__ as plotly_version

    with_js = build_report(malicious_scenario, {}, lenses={})
    without = build_report(malicious_scenario, {}, lenses={}, inline_plotlyjs=False)
    assert len(with_js) - len(without) > 1_000_000
    assert with_js.count("* plotly.js v") == 1  # inlined exactly once
    assert plotly_version


@pytest.mark.parametrize("bad", ["figures", "_private", "no-dash", "os"])
def test_figure_registry_only_finds_lens_modules(bad):
    assert figure_module(bad) is None


def test_figure_data_is_valid_json(parse_html):
    """Every figure's data script parses as a plotly figure (and there are figures to check:
    this used to loop over the zero figures of a report without lenses)."""
    from detente.analysis import analyze
    from detente.lens import available_lenses
    from detente.report.figures import lens_blocks

    analysis = analyze("ukraine-2025", draws=0)
    lenses = available_lenses()
    parsed = parse_html(build_report(analysis.scenario, analysis.results))
    expected = sum(
        1
        for name, result in analysis.results.items()
        for block in lens_blocks(lenses[name], analysis.scenario, result)
        if type(block).__name__ == "FigureBlock"
    )
    assert expected >= len(analysis.results) and len(parsed.json_scripts) == expected
    for source in parsed.json_scripts.values():
        figure = json.loads(source)
        assert figure["data"] and "layout" in figure


def test_malicious_labels_in_every_lens_section_are_escaped(parse_html):
    """The shipped scenario with markup in its title, actor names, option and issue labels,
    design names and sources: nothing reaches the report unescaped, figures included."""
    import io

    from ruamel.yaml import YAML

    from detente.report.run import run_lenses
    from detente.scenario import load_scenario_text, shipped_path

    yaml = YAML()
    data = yaml.load(shipped_path("ukraine-2025").read_text(encoding="utf-8"))
    data["title"] = MALICIOUS
    for actor in data["actors"]:
        actor["name"] = MALICIOUS_ATTR
    for dm in data.get("conflict", {}).get("decision_makers", []):
        for option in dm["options"]:
            option["label"] = MALICIOUS
    for issue in data.get("bargaining", {}).get("issues", []):
        issue["label"] = MALICIOUS_ATTR
        for point in issue.get("points", []):
            point["label"] = MALICIOUS
    for design in data.get("guarantees", {}).get("designs", []):
        design["name"] = MALICIOUS
    data["sources"][0]["citation"] = MALICIOUS
    data["sources"][0]["url"] = "javascript:alert(3)"
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    scenario = load_scenario_text(buffer.getvalue(), "xss.yaml")
    text = build_report(scenario, run_lenses(scenario))
    _no_injection(text)
    parsed = parse_html(text)
    assert parsed.problems == [] and parsed.external == []
    assert all(not attrs.get("src") for tag, attrs in parsed.tags if tag == "script")
