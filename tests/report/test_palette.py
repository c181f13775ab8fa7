from detente.report.palette import ACTOR_COLOURS, ActorPalette
from detente.scenario import load_scenario_text


def _scenario(actor_ids):
    actors = "\n".join(f"  - {{id: {a}, name: Name {a}}}" for a in actor_ids)
    return load_scenario_text(f"format: detente/1\nid: p\ntitle: P\nactors:\n{actors}\n", "p.yaml")


def test_colours_follow_scenario_actor_order():
    palette = ActorPalette.from_scenario(_scenario(["rus", "ukr", "usa"]))
    assert palette.mapping() == {
        "rus": ACTOR_COLOURS[0],
        "ukr": ACTOR_COLOURS[1],
        "usa": ACTOR_COLOURS[2],
    }
    assert palette.name("ukr") == "Name ukr"


def test_same_scenario_same_colours_and_all_distinct_up_to_palette_size():
    ids = [f"a{i}" for i in range(len(ACTOR_COLOURS))]
    first = ActorPalette.from_scenario(_scenario(ids)).mapping()
    second = ActorPalette.from_scenario(_scenario(ids)).mapping()
    assert first == second
    assert len(set(first.values())) == len(ACTOR_COLOURS)


def test_unknown_actor_gets_a_stable_palette_colour():
    one = ActorPalette(order=("x",))
    two = ActorPalette(order=("y", "z"))
    assert one.colour("bloc") == two.colour("bloc")
    assert one.colour("bloc") in ACTOR_COLOURS
    assert one.name("bloc") == "bloc"
