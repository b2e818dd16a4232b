"""`alliance practice`: the practice room in a terminal. Drills or scenario questions, no server needed."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer
from rich.panel import Panel

from alliance.cli.common import console, friendly_errors
from alliance.errors import AllianceError

STOP = {"q", "quit", "exit"}


def _load_history(path: Path | None):
    from alliance.practice import Seen

    if path is None or not path.is_file():
        return []
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [Seen(r["item"], datetime.fromisoformat(r["when"]), r["correct"]) for r in rows]


def _save_history(path: Path | None, history) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([{"item": s.item_id, "when": s.when.isoformat(), "correct": s.correct} for s in history]),
                    encoding="utf-8")


def _ask(prompt: str) -> str | None:
    try:
        text = console.input(prompt)
    except EOFError:
        return None
    return None if text.strip().lower() in STOP else text


def practice(
    task: Optional[str] = typer.Option(None, "--task", help="Only drills with this task: reflect, complex_reflection, open_question, sustain_talk, ask_permission, repair_rupture, what_matters."),
    questions: bool = typer.Option(False, "--questions", help="Scenario questions instead of response drills."),
    count: int = typer.Option(5, "--count", min=1, help="How many items in this round."),
    history: Optional[Path] = typer.Option(None, "--history", help="A JSON file that remembers your answers, so missed items come back next time."),
) -> None:
    """Practise relationship skills: respond to client statements (or answer scenario questions) and get feedback.

    Type q to stop. Your responses stay on this machine; nothing is sent anywhere.
    """
    from alliance.practice import Seen, load_drills, load_scenarios, next_items
    from alliance.practice.tasks import TASKS

    with friendly_errors():
        if task is not None and task not in TASKS:
            raise typer.BadParameter(f"expected one of {', '.join(TASKS)}", param_hint="--task")
        seen = _load_history(history)
        if questions:
            ids = [s.id for s in load_scenarios()]
        else:
            ids = [d.id for d in load_drills() if task is None or d.task == task]
        console.print(Panel.fit("Practice room. Type your answer and press Enter; type q to stop.", style="bold"))
        done = 0
        while done < count:
            item_id = next_items(ids, seen, datetime.now(timezone.utc))[0]
            result = _question(item_id) if questions else _drill(item_id)
            if result is None:
                break
            seen.append(Seen(item_id, datetime.now(timezone.utc), result))
            done += 1
        _save_history(history, seen)
        console.print(f"\nYou practised {done} item{'s' if done != 1 else ''}. Thank you for taking the time.")


def _drill(drill_id: str) -> bool | None:
    from alliance.practice import get_drill, respond
    from alliance.practice.verdict import reply_words

    drill = get_drill(drill_id)
    lines = ([f"[dim]Practitioner:[/] {drill.previous}"] if drill.previous else []) + [f"[bold]Client:[/] {drill.client}"]
    console.print(Panel("\n".join(lines), title=drill.prompt, title_align="left"))
    while True:
        text = _ask("[bold]Your response:[/] ")
        if text is None:
            return None
        try:
            verdict = respond(drill, text)
            break
        except AllianceError as exc:
            console.print(f"[yellow]{exc}[/]", highlight=False)
    for line in verdict.says:
        console.print(line, highlight=False)
    if verdict.question:
        console.print(f"[bold]A question for you:[/] {verdict.question}", highlight=False)
    if verdict.outcome != "met":
        console.print(f"[bold]What else might work:[/] {verdict.tip}", highlight=False)
    who = "our example" if drill.source == "team" else "the recorded session"
    console.print(f"\n[bold]One possible way[/] ({who}, coded as {reply_words(drill.reply_codes)}):", highlight=False)
    console.print(f"  {drill.reply}", highlight=False)
    console.print(f"[dim]{drill.source}[/]\n", highlight=False)
    return verdict.outcome == "met"


def _question(scenario_id: str) -> bool | None:
    from alliance.practice import answer, get_scenario

    s = get_scenario(scenario_id)
    body = s.vignette + "\n\n[bold]" + s.question + "[/]\n" + "\n".join(f"  {o.letter}. {o.text}" for o in s.options)
    console.print(Panel(body, title=s.principle.capitalize(), title_align="left"))
    while True:
        letter = _ask("[bold]Your answer (A-D):[/] ")
        if letter is None:
            return None
        try:
            result = answer(s, letter)
            break
        except AllianceError as exc:
            console.print(f"[yellow]{exc}[/]", highlight=False)
    if result.correct:
        console.print(f"[green]Yes.[/] {result.chosen.rationale}", highlight=False)
    else:
        console.print(f"Not quite. {result.chosen.rationale}", highlight=False)
        console.print(f"The best option is {result.best.letter}: {result.best.text}\n  {result.best.rationale}", highlight=False)
        console.print("[dim]This question will come back later.[/]")
    console.print(f"[dim]Principle: {s.principle}[/]\n")
    return result.correct
