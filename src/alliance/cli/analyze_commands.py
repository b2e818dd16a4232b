"""`alliance analyze FILE`: code one session transcript and report metrics and feedback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from alliance.cli.common import console, err_console, friendly_errors
from alliance.cli.limits import check_transcript_size
from alliance.errors import AllianceError

# Below this many turns coding takes a blink, so a progress bar would only flicker.
PROGRESS_FROM = 200


def analyze_command(
    file: Path = typer.Argument(..., metavar="FILE", help="A session transcript: WebVTT, SRT, text, CSV or JSON."),
    practitioner: Optional[list[str]] = typer.Option(
        None, "--practitioner", "-p", metavar="NAME", help="The practitioner's speaker name (repeat for more than one); guessed when omitted."),
    speaker: Optional[list[str]] = typer.Option(
        None, "--speaker", "-s", metavar="NAME=ROLE",
        help="Who is who: NAME=practitioner, NAME=client, NAME=other (a family member, an interpreter: not coded), "
        "or NAME=OTHERNAME when two labels are one person. Repeat for each speaker."),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="F", help="vtt, zoom_vtt, teams_vtt, srt, text, csv, json or annomi; detected when omitted."),
    as_json: bool = typer.Option(False, "--json", help="Print the analysis as JSON (see docs/analysis.md)."),
    html: Optional[Path] = typer.Option(None, "--html", metavar="OUT", help="Write a self-contained HTML report to OUT."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the report as Markdown."),
) -> None:
    """Code a session transcript and report its metrics, feedback and journal prompts."""
    from alliance.analysis import analyze

    if sum((as_json, html is not None, markdown)) > 1:
        raise typer.BadParameter("choose one of --json, --html OUT or --markdown.")
    from alliance.transcripts.speaker_choices import read_speaker_options

    with friendly_errors():
        check_transcript_size(file)
        speakers = read_speaker_options(speaker or [])
    with friendly_errors(), _progress() as progress:
        analysis = analyze(file, practitioner=practitioner or None, format=format, progress=progress, speakers=speakers)
    if as_json:
        # Plain print, not Rich: JSON goes to pipes and must not be wrapped or coloured.
        typer.echo(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
    elif markdown:
        typer.echo(analysis.to_markdown())
    elif html is not None:
        with friendly_errors():
            _write(html, analysis.to_html())
        err_console.print(f"Wrote the report to {html}", highlight=False)
    else:
        from alliance.report.console import render_console

        render_console(analysis, console)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AllianceError("N001", path=str(path), detail=exc.strerror or type(exc).__name__) from None


class _progress:
    """A progress bar on stderr for long transcripts, shown only on a terminal."""

    def __enter__(self):
        self._bar = None
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < PROGRESS_FROM or not err_console.is_terminal:
                return
            from rich.progress import Progress

            self._bar = Progress(console=err_console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("Coding turns", total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False
