"""`alliance batch`: analyse many transcripts, one JSON line each, skipping (and reporting) bad ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from alliance.cli.common import err_console, friendly_errors


def register(app: typer.Typer) -> None:
    @app.command()
    def batch(
        paths: List[Path] = typer.Argument(..., help="Transcript files, or folders to search for .vtt/.srt/.txt/.csv/.json."),
        out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write JSON lines here (default: standard output)."),
        practitioner: Optional[List[str]] = typer.Option(None, "--practitioner", help="Speaker name of the practitioner (repeatable)."),
        format: Optional[str] = typer.Option(None, "--format", help="Force one transcript format for every file."),
        workers: int = typer.Option(0, min=0, help="Run on a local Dask cluster with this many processes (0: in this process)."),
        scheduler: Optional[str] = typer.Option(None, help="Address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    ) -> None:
        """Analyse many transcripts; one bad file is reported and skipped, never stops the batch."""
        from alliance.batch import iter_transcripts, run_batch

        with friendly_errors():
            missing = [str(p) for p in paths if not p.exists()]
            if missing:
                err_console.print(f"[bold red]Error:[/] {missing[0]}: no such file or folder.")
                raise typer.Exit(1)
            total = len(list(iter_transcripts(paths)))
            sink = open(out, "w", encoding="utf-8") if out else sys.stdout
            analysed = skipped = utterances = 0
            progress = Progress(
                TextColumn("Analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=err_console, transient=True, disable=not err_console.is_terminal,
            )
            try:
                with progress:
                    task = progress.add_task("batch", total=total)
                    for item in run_batch(paths, practitioner=practitioner or None, format=format, scheduler=scheduler, workers=workers):
                        sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                        progress.advance(task)
                        if item.ok:
                            analysed += 1
                            utterances += item.utterances
                        else:
                            skipped += 1
                            err_console.print(f"Skipped: {item.error}", highlight=False, soft_wrap=True)
            finally:
                if out:
                    sink.close()
            err_console.print(f"Analysed {analysed} transcript(s), {utterances} utterances; skipped {skipped}.", highlight=False)
