"""``detente ratify``: would each guarantee pass the Senate (and House), who is pivotal."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli.common import QuietOpt, load_arg, out_console, print_json
from detente.errors import InputError

__all__ = ["register"]


def ratify(
    file: Annotated[
        str | None,
        typer.Argument(
            help="Scenario file (or the name of a shipped one); default: the shipped default."
        ),
    ] = None,
    members: Annotated[
        str | None,
        typer.Option(
            "--members",
            help="A Voteview members CSV (e.g. S111_members.csv) whose Senate rows replace "
            "the party-level chamber.",
        ),
    ] = None,
    house_members: Annotated[
        str | None,
        typer.Option(
            "--house-members",
            help="A Voteview members CSV for the House (congressional-executive agreements).",
        ),
    ] = None,
    exclude: Annotated[
        list[int] | None,
        typer.Option(
            "--exclude",
            help="ICPSR id of a member to leave out (not seated on the vote date); repeatable.",
        ),
    ] = None,
    votes: Annotated[
        str | None,
        typer.Option(
            "--votes",
            help="A Voteview votes CSV (e.g. S111_votes.csv): with --roll, keep only the "
            "senators seated for that roll call and show its tally.",
        ),
    ] = None,
    roll: Annotated[
        int | None,
        typer.Option(
            "--roll", help="Voteview roll-call number in --votes (New START: 695 in S111)."
        ),
    ] = None,
    proposal: Annotated[
        list[str] | None,
        typer.Option("--proposal", help="Assess only this proposal id; repeatable."),
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print JSON (see docs/ratification.md).")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Print the reasons behind each answer.")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Senate ratification: P(ratify), expected vs required yeas, pivots, change needed."""
    from detente.cli.render_ratification import render
    from detente.ratification.engine import assess_ratification
    from detente.ratification.lens import result_json
    from detente.ratification.members import (
        read_voteview_members,
        read_voteview_votes,
        voteview_ids,
    )

    scenario = load_arg(file)
    section = scenario.ratification
    if section is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `ratification` section",
            hint="add one (see docs/ratification.md) or choose another scenario",
        )
    if (members is not None or house_members is not None) and section.scale != "dw_nominate":
        raise InputError(
            f"--members gives DW-NOMINATE coordinates, but scenario {scenario.id!r} places its "
            f"senators and proposals on the {section.scale!r} scale "
            "(ratification.scale); the two scales cannot be combined",
            hint="give the proposals roll-call positions in DW-NOMINATE space and set "
            "`scale: dw_nominate` (see examples/new-start-2010.yaml), or drop --members",
        )
    if (votes is None) != (roll is None):
        raise InputError(
            "--votes and --roll go together", hint="e.g. --votes S111_votes.csv --roll 695"
        )
    if votes is not None and members is None:
        raise InputError("--votes needs --members (the coordinates of the senators)")
    if exclude and members is None and house_members is None:
        raise InputError(
            "--exclude leaves members of a Voteview file out; give --members (or --house-members)"
        )
    if exclude:
        present = frozenset().union(
            *(voteview_ids(f) for f in (members, house_members) if f is not None)
        )
        unknown = sorted(set(exclude) - present)
        if unknown:
            raise InputError(
                f"--exclude {', '.join(map(str, unknown))}: no member with "
                f"{'this ICPSR id' if len(unknown) == 1 else 'these ICPSR ids'} in "
                + " or ".join(str(f) for f in (members, house_members) if f is not None),
                hint="the ICPSR id is the `icpsr` column of the members file",
            )
    observed = read_voteview_votes(votes, roll) if votes is not None and roll is not None else None
    senate = None
    if members is not None:
        senate = read_voteview_members(
            members,
            section.senate,
            chamber="Senate",
            exclude=exclude or (),
            seated=observed.seated if observed is not None else None,
        )
    house = None
    if house_members is not None:
        if section.house is None:
            raise InputError(
                "--house-members given but the scenario's ratification section has no `house`"
            )
        house = read_voteview_members(
            house_members, section.house, chamber="House", exclude=exclude or ()
        )
    from detente.cli.progress import progress

    with progress("ratify", unit=None, quiet=quiet):
        result = assess_ratification(
            scenario, senate=senate, house=house, proposals=proposal or None
        )
    if json_out:
        doc = result_json(result)
        if observed is not None:
            doc["observed"] = {
                "rollnumber": observed.rollnumber,
                "yeas": observed.yeas,
                "nays": observed.nays,
                "not_voting": observed.not_voting,
            }
        print_json(doc)
    else:
        render(result, out_console, explain)
        if observed is not None:
            out_console.print(
                f"Observed roll call {observed.rollnumber}: {observed.yeas} yeas, "
                f"{observed.nays} nays, {observed.not_voting} present or not voting."
            )


def register(app: typer.Typer) -> None:
    app.command()(ratify)
