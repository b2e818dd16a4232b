"""`alliance measures`: list, show, score and compare check-in instruments."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from alliance.cli.common import console, friendly_errors
from alliance.errors import MeasureError

measures_app = typer.Typer(
    name="measures",
    help="Client check-in instruments: list them, show their wording, score answers, judge change.",
    no_args_is_help=True,
)


def parse_answers(text: str) -> list[int | None]:
    """'2,1,,3' -> [2, 1, None, 3]; an empty place is an unanswered item."""
    answers: list[int | None] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            answers.append(None)
            continue
        try:
            answers.append(int(part))
        except ValueError:
            raise MeasureError("M010", text=part) from None
    return answers


def _print_json(data) -> None:
    # Plain print, not Rich: JSON goes to pipes and must not be wrapped or coloured.
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@measures_app.command("list")
def list_command(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    all_: bool = typer.Option(False, "--all", help="Include instruments whose licence does not permit use here."),
) -> None:
    """List the instruments Alliance can use, with their licence."""
    from alliance.measures import list_instruments

    with friendly_errors():
        instruments = list_instruments(include_unlicensed=all_)
    if as_json:
        _print_json([i.to_dict() for i in instruments])
        return
    table = Table("id", "name", "kind", "items", "languages", "licence")
    for i in instruments:
        licence = i.licence.holder if i.licence.permits_use else f"not permitted ({i.licence.holder})"
        kind = i.kind if i.validated else f"{i.kind} (not validated)"
        table.add_row(i.id, i.name, kind, str(len(i.items)), ", ".join(i.languages), licence)
    console.print(table)


@measures_app.command("show")
def show_command(
    instrument_id: str = typer.Argument(..., metavar="ID", help="Instrument id, e.g. phq-9."),
    language: str = typer.Option("en", "--language", "-l", help="Language code, e.g. en or es."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show an instrument's wording, answer options and copyright line."""
    from alliance.measures import get_instrument

    with friendly_errors():
        text = get_instrument(instrument_id).text(language)
    if as_json:
        _print_json(text.to_dict())
        return
    console.print(f"[bold]{text.title}[/]", highlight=False)
    if text.notice:
        console.print(f"[italic]{text.notice}[/]", highlight=False)
    console.print(text.instructions, highlight=False)
    for n, item in enumerate(text.items, 1):
        console.print(f"  {n}. {item}", highlight=False)
    console.print("Answers: " + " / ".join(f"{t} ({v})" for v, t in text.options), highlight=False)
    for extra in text.unscored_items:
        console.print(f"Not scored: {extra['text']}", highlight=False)
    console.print(text.copyright_line, style="dim", highlight=False)


@measures_app.command("score")
def score_command(
    instrument_id: str = typer.Argument(..., metavar="ID", help="Instrument id, e.g. phq-9."),
    answers: str = typer.Option(..., "--answers", help="Answers in item order, comma-separated, e.g. 2,1,0,..."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Score one set of answers the way the instrument is published."""
    from alliance.measures import score

    with friendly_errors():
        result = score(instrument_id, parse_answers(answers))
    if as_json:
        _print_json(result.to_dict())
        return
    console.print(f"{instrument_id}: total {result.total:g} of {result.max_total:g}, {result.severity_label}", highlight=False)
    if result.caseness is not None:
        console.print("At or above the caseness cut-off." if result.caseness else "Below the caseness cut-off.")
    if result.prorated:
        console.print(f"Prorated: item(s) {', '.join(map(str, result.missing))} unanswered.")
    for c in result.critical_items:
        console.print(f"[bold]Item {c.item} answered {c.answer}: {c.reason}. Please follow your safety procedure.[/]")
    if result.worth_a_conversation:
        console.print("Worth a conversation with the client.")


@measures_app.command("change")
def change_command(
    instrument_id: str = typer.Argument(..., metavar="ID", help="Instrument id, e.g. phq-9."),
    before: float = typer.Option(..., "--before", help="The earlier total."),
    after: float = typer.Option(..., "--after", help="The later total."),
    method: str = typer.Option("auto", "--method", help="auto, published or jacobson_truax."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Judge whether a change between two totals is reliable, and what it means."""
    from alliance.measures import change

    with friendly_errors():
        result = change(instrument_id, before, after, method=method)
    if as_json:
        _print_json(result.to_dict())
        return
    reliable = "reliable" if result.reliable else "not reliable"
    console.print(
        f"{instrument_id}: {result.before:g} -> {result.after:g} ({result.change:+g}), {reliable} "
        f"(threshold {result.threshold:g}, {result.method}): {result.category}",
        highlight=False,
    )
