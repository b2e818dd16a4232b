"""`alliance batch`: analyse many transcripts (here or on Dask), write JSON lines and/or Parquet, summarise."""

from __future__ import annotations

import json
import sys
from typing import List, Optional

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from alliance.cli.common import err_console, friendly_errors

SHOW_SKIPPED = 20


def batch(
    paths: List[str] = typer.Argument(..., help="Transcript files, folders to search for .vtt/.srt/.txt/.csv/.json, or fsspec URLs (s3://...)."),
    out: Optional[List[str]] = typer.Option(None, "--out", "-o", help="Write results.jsonl and/or results.parquet (repeatable; default: JSON lines on standard output)."),
    utterances: bool = typer.Option(False, "--utterances", help="Also write one row per utterance with its codes (NAME.utterances.parquet; a list in each JSON line)."),
    text: bool = typer.Option(False, "--text", help="Include the transcript's words: utterance text and speakers, feedback messages and quotes."),
    practitioner: Optional[List[str]] = typer.Option(None, "--practitioner", help="Speaker name of the practitioner (repeatable)."),
    format: Optional[str] = typer.Option(None, "--format", help="Force one transcript format for every file."),
    workers: int = typer.Option(0, min=0, help="Run on a local Dask cluster with this many processes (0: in this process)."),
    scheduler: Optional[str] = typer.Option(None, help="Address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    shards: Optional[str] = typer.Option(None, help="Folder or URL where workers write their result shards (default: beside the first --out)."),
    send_contents: bool = typer.Option(False, "--send-contents", help="Read the files here and send them to the workers (for workers that cannot see them)."),
    files_per_task: int = typer.Option(0, min=0, help="Files per Dask task (0: sized to about 256 KB of transcripts)."),
) -> None:
    """Analyse many transcripts; one bad file is reported and skipped, never stops the batch."""
    from alliance.batch import run_batch

    with friendly_errors():
        progress = Progress(
            TextColumn("Analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err_console, transient=True, disable=not err_console.is_terminal,
        )
        task = progress.add_task("batch", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        def to_stdout(record) -> None:
            sys.stdout.write(json.dumps(record.line, ensure_ascii=False) + "\n")

        with progress:
            summary = run_batch(
                paths, outs=out or (), practitioner=practitioner or None, format=format, text=text,
                utterances=utterances, workers=workers, scheduler=scheduler, shards=shards,
                send_contents=send_contents, files_per_task=files_per_task, progress=advance,
                on_record=None if out else to_stdout,
            )
        print_summary(summary)

def print_summary(summary) -> None:
    """Analysed, skipped with reasons, utterances/s; per worker on Dask; the files written."""
    say = err_console.print
    say(
        f"Analysed {summary.analysed} of {summary.files} transcript(s), {summary.utterances:,} utterances, "
        f"in {summary.seconds:.1f} s ({summary.utterances_per_second:,.0f} utterances/s) in {summary.where}.",
        highlight=False, soft_wrap=True,
    )
    if summary.skipped:
        say(f"Skipped {len(summary.skipped)}:", highlight=False)
        for path, reason in summary.skipped[:SHOW_SKIPPED]:
            say(f"  {where_and_why(path, reason)}", highlight=False, soft_wrap=True)
        if len(summary.skipped) > SHOW_SKIPPED:
            say(f"  …and {len(summary.skipped) - SHOW_SKIPPED} more (every reason is in the results).", highlight=False)
    if summary.where != "this process":
        say(f"Workers ({len(summary.workers)}):", highlight=False)
        for w in summary.workers.values():
            load = (", coder inherited from this process" if w.coder_inherited
                    else "" if w.coder_load_s is None else f", coder loaded once in {w.coder_load_s:.2f} s")
            say(
                f"  worker {w.worker} (pid {w.pid}): {w.files} file(s), {w.utterances:,} utterances, "
                f"{w.utterances_per_second:,.0f} utterances/s{load}, peak memory {w.peak_rss_mb:,.0f} MB",
                highlight=False, soft_wrap=True,
            )
    if summary.outputs:
        say("Wrote " + ", ".join(summary.outputs) + ".", highlight=False, soft_wrap=True)


def where_and_why(path: str, reason: str) -> str:
    """Messages name the file by its base name; say the full path instead: 'in/bad.vtt, line 3: ...'."""
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    if reason.startswith(path):
        return reason
    if reason.startswith(base):
        return path + reason[len(base):]
    return f"{path}: {reason}"
