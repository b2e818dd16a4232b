"""``alliance train`` and ``alliance evaluate``: thin wrappers over alliance.coding."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from alliance.cli.common import console, friendly_errors

STAGES = {
    "distil": "Distilling word vectors from MiniLM",
    "features": "Building features",
    "fit": "Fitting the models",
}


def train_command(
    data: Path = typer.Option(None, "--data", help="The AnnoMI folder (default: $ALLIANCE_DATA_DIR/annomi or ../shared/data/annomi)."),
    out: Path = typer.Option(None, "--out", help="Where to write the coder (default: the package's models folder)."),
    seed: int = typer.Option(1729, "--seed", help="Random seed; the same data and seed give the same artifact."),
) -> None:
    """Train the utterance coder from AnnoMI's train portion."""
    from alliance.coding import train

    with friendly_errors(), Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as bar:
        bars: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in bars:
                bars[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
            bar.update(bars[stage], completed=done, total=total)

        report = train(data, out, progress=progress, seed=seed)
    console.print(
        f"Trained {report.n_utterances} utterances from {report.n_transcripts} transcripts into {report.out_dir}",
        highlight=False,
    )
    console.print(f"artifact sha256 {report.artifact_hash}", highlight=False)


def evaluate_command(
    file: Path = typer.Argument(..., help="An AnnoMI-format CSV with expert labels."),
    task: str = typer.Option(..., "--task", help="therapist, client, question or reflection."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    model: Path = typer.Option(None, "--model", help="A coder folder written by 'alliance train' (default: the shipped one)."),
    bootstrap: int = typer.Option(1000, "--bootstrap", help="Bootstrap rounds over transcripts for the interval."),
) -> None:
    """Score the coder against the expert labels in an AnnoMI-format CSV."""
    from alliance.coding import evaluate, load_coder

    with friendly_errors():
        coder = load_coder(model) if model is not None else None
        result = evaluate(file, task, coder=coder, bootstrap=bootstrap)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    table = Table(title=f"{task}: {result['n']} utterances")
    for column in ("label", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, row in result["per_class"].items():
        table.add_row(label, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["support"]))
    console.print(table)
    interval = result["interval"]
    spread = (
        f" (95% interval over transcripts {interval['low']:.3f} to {interval['high']:.3f})"
        if interval["low"] is not None
        else ""
    )
    console.print(f"macro-F1 {result['macro_f1']:.3f}{spread}, accuracy {result['accuracy']:.3f}", highlight=False)
