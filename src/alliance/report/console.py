"""The Rich report ``alliance analyze`` prints by default: feedback first, then the numbers."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from alliance.report.labels import (
    evidence_text,
    feedback_groups,
    heading,
    intro_notes,
    metric_notes,
    metric_rows,
    miti_rows,
)


def render_console(analysis, console: Console) -> None:
    intro = [Text(heading(analysis))]
    intro += [Text(note, style="italic") for note in intro_notes(analysis)]
    console.print(Panel(Group(*intro), title="Session analysis", title_align="left"))
    _feedback(analysis, console)
    console.print(_metrics_table(analysis))
    console.print(_miti_table(analysis))
    ctx = analysis.miti_context
    console.print(Text(f"{ctx.caveat} {ctx.questions_note}", style="dim"))
    for line in metric_notes(ctx):
        console.print(Text(line, style="dim"))
    console.print()
    console.rule("For your journal", align="left")
    console.print(_bullets(f"[bold]{escape(p.prompt)}[/] {escape(p.hint)}" for p in analysis.journal_prompts))
    model = analysis.pipeline.get("model") or {}
    console.print(Text(f"\nModel: {model.get('name')} ({model.get('artifact_hash') or 'no hash'})", style="dim"))


def _feedback(analysis, console: Console) -> None:
    for title, items in feedback_groups(analysis.feedback):
        console.rule(title, align="left")
        console.print(_bullets(f"{escape(o.message)} [dim]({evidence_text(o.evidence)})[/]" for o in items))
        console.print()
    if not analysis.feedback:
        console.print("Nothing in the codes stood out either way in this session.\n")


def _bullets(lines) -> Table:
    """A bulleted list whose wrapped lines hang under the text, not the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row("•", Text.from_markup(line))
    return grid


def _metrics_table(analysis) -> Table:
    table = Table("Metric", "Value", "Note", title="Metrics", title_justify="left")
    for label, value, note in metric_rows(analysis.metrics):
        table.add_row(label, value, note)
    return table


def _miti_table(analysis) -> Table:
    table = Table("Summary", "This session", "Fair", "Good", "Where it sits",
                  title=f"{analysis.miti_context.source} context", title_justify="left")
    for row in miti_rows(analysis.miti_context):
        table.add_row(*row)
    return table
