from detente.report.assumptions import assumptions, readable_path, uncertain_inputs
from detente.scenario import load_scenario, shipped_path


def test_every_documented_element_is_listed_with_numbered_sources():
    scenario = load_scenario(shipped_path("ukraine-2025"))
    found = assumptions(scenario)
    assert found and all(a.rationale or a.sources for a in found)
    numbers = {s.id: n for n, s in enumerate(scenario.sources, start=1)}
    for a in found:
        for c in a.sources:
            assert c.number is None or numbers[c.source.id] == c.number
    sections = [a.section for a in found]
    # grouped: each section's assumptions are contiguous
    assert len(set(sections)) == sum(
        1 for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s
    )


def test_paths_name_list_items_by_id():
    scenario = load_scenario(shipped_path("ukraine-2025"))
    assert readable_path(scenario, "bargaining.actors[0].stances[0].position").startswith(
        "bargaining.actors[RUS].stances["
    )
    assert readable_path(scenario, "conflict.decision_makers[1]") == "conflict.decision_makers[UKR]"
    assert readable_path(scenario, "no.such[3].path") == "no.such[3].path"
    assert all("[" not in u.path or "]" in u.path for u in uncertain_inputs(scenario))
