"""Batch outputs: shards written by workers, merged in input order into the files analysts open.

Kinds of output, chosen by the ``--out`` file's ending:

- ``.jsonl``: one JSON line per transcript (``records.Record.line``).
- ``.parquet``: the sessions table, one row per transcript (``records.Record.session``); with
  utterances asked for, the utterances table goes next to it as ``NAME.utterances.parquet``.

Each task writes its partition as shards (``part-00007.jsonl``, ``part-00007.sessions.parquet``,
``part-00007.utterances.parquet``) into a shard folder, a local path or an fsspec URL the
workers can reach; ``merge`` then concatenates them in partition order, one shard in memory
at a time, so the result is the same file whatever ran the batch.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from alliance.batch.sources import is_url
from alliance.errors import AllianceError

KINDS = ("jsonl", "sessions", "utterances")


@dataclass(frozen=True)
class Output:
    """One file the batch writes, and which shard kind fills it."""

    path: str
    kind: str  # one of KINDS


def plan_outputs(outs: list[str], utterances: bool) -> list[Output]:
    """The files to write for the ``--out`` names given; B003 for an ending we do not write."""
    planned: list[Output] = []
    for name in outs:
        lower = name.lower()
        if lower.endswith(".jsonl"):
            planned.append(Output(name, "jsonl"))
        elif lower.endswith(".parquet"):
            _need_pyarrow()
            planned.append(Output(name, "sessions"))
            if utterances:
                planned.append(Output(utterances_path(name), "utterances"))
        else:
            raise AllianceError("B003", path=name)
    for out in planned:
        try:
            _prepare_parent(out.path)
        except OSError as exc:
            raise AllianceError("B004", path=out.path, detail=exc.strerror) from None
    return planned


def utterances_path(sessions_path: str) -> str:
    """``results.parquet`` -> ``results.utterances.parquet``."""
    return sessions_path[: -len(".parquet")] + ".utterances.parquet"


def _need_pyarrow():
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise AllianceError("B006") from None


def default_shard_dir(outputs: list[Output]) -> str:
    """A hidden folder beside the first output (reachable by local workers and on a shared folder)."""
    first = outputs[0].path
    parent, name = (first.rsplit("/", 1) if "/" in first else (".", first))
    return f"{parent}/.{name}.parts-{uuid.uuid4().hex[:8]}"


def run_shard_dir(shards: str) -> str:
    """This run's own folder inside the ``--shards`` folder or URL the user gave."""
    return f"{shards.rstrip('/')}/alliance-batch-{uuid.uuid4().hex[:8]}"


def shard_name(shard_dir: str, index: int, kind: str) -> str:
    ending = "jsonl" if kind == "jsonl" else f"{kind}.parquet"
    return f"{shard_dir.rstrip('/')}/part-{index:05d}.{ending}"


def write_shards(shard_dir: str, index: int, recs, kinds) -> list[str]:
    """Write one partition's records as one shard per output kind; return the shard names."""
    try:
        return _write_shards(shard_dir, index, recs, kinds)
    except OSError as exc:
        raise AllianceError("B008", path=shard_dir, detail=exc.strerror or type(exc).__name__) from None


def _write_shards(shard_dir: str, index: int, recs, kinds) -> list[str]:
    written = []
    for kind in kinds:
        name = shard_name(shard_dir, index, kind)
        if kind == "jsonl":
            with _open(name, "wb") as f:
                for r in recs:
                    f.write((json.dumps(r.line, ensure_ascii=False) + "\n").encode("utf-8"))
        else:
            rows = [r.session for r in recs] if kind == "sessions" else [u for r in recs for u in r.utterances]
            if not rows:
                continue
            import pyarrow.parquet as pq

            with _open(name, "wb") as f:
                pq.write_table(table_of(rows), f)
        written.append(name)
    return written


def table_of(rows: list[dict]):
    """An Arrow table with a column for every key any row has, in first-seen order (missing: null)."""
    import pyarrow as pa

    keys = list(dict.fromkeys(k for r in rows for k in r))
    return pa.Table.from_pydict({k: [r.get(k) for r in rows] for k in keys})


def merge(outputs: list[Output], shard_dir: str, partitions: int, written: set[str]) -> None:
    """Concatenate every partition's shards, in order, into each output.

    ``written``: the shards the tasks say they wrote; one this machine cannot see means the
    workers wrote somewhere else (their own disk), and the batch stops with B007.
    """
    for out in outputs:
        names = [n for n in (shard_name(shard_dir, i, out.kind) for i in range(partitions)) if n in written]
        if any(not _exists(n) for n in names):
            raise AllianceError("B007", path=shard_dir)
        # A local output appears whole or not at all: written beside it, then renamed over it.
        target = out.path if is_url(out.path) else f"{out.path}.partial-{uuid.uuid4().hex[:8]}"
        try:
            _prepare_parent(out.path)
            if out.kind == "jsonl":
                with _open(target, "wb") as sink:
                    for n in names:
                        with _open(n, "rb") as f:
                            shutil.copyfileobj(f, sink)
            else:
                _merge_parquet(out, names, target)
            if target != out.path:
                os.replace(target, out.path)
        except OSError as exc:
            raise AllianceError("B004", path=out.path, detail=exc.strerror or type(exc).__name__) from None
        finally:
            if target != out.path and os.path.exists(target):
                os.remove(target)


def _merge_parquet(out: Output, names: list[str], target: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = []
    for n in names:
        with _open(n, "rb") as f:
            schemas.append(pq.read_schema(f))
    if schemas:
        schema = pa.unify_schemas(schemas, promote_options="permissive")
    else:
        schema = pa.schema([("path", pa.string()), ("ok", pa.bool_())] if out.kind == "sessions" else [("path", pa.string()), ("index", pa.int64())])
    schema = schema.remove_metadata()
    with _open(target, "wb") as sink, pq.ParquetWriter(sink, schema) as writer:
        for n in names:
            with _open(n, "rb") as f:
                table = pq.read_table(f)
            columns = [
                table.column(field.name).cast(field.type) if field.name in table.column_names
                else pa.nulls(table.num_rows, field.type)
                for field in schema
            ]
            writer.write_table(pa.Table.from_arrays(columns, schema=schema))
        if not names:
            writer.write_table(schema.empty_table())


def remove_shards(shard_dir: str) -> None:
    if is_url(shard_dir):
        from fsspec.core import url_to_fs

        fs, root = url_to_fs(shard_dir)
        if fs.exists(root):
            fs.rm(root, recursive=True)
    else:
        shutil.rmtree(shard_dir, ignore_errors=True)


def make_shard_dir(shard_dir: str) -> None:
    try:
        if is_url(shard_dir):
            from fsspec.core import url_to_fs

            fs, root = url_to_fs(shard_dir)
            fs.makedirs(root, exist_ok=True)
        else:
            os.makedirs(shard_dir, exist_ok=True)
    except OSError as exc:
        raise AllianceError("B004", path=shard_dir, detail=exc.strerror or type(exc).__name__) from None


def _prepare_parent(path: str) -> None:
    if not is_url(path):
        parent = Path(path).parent
        if not parent.is_dir():
            raise FileNotFoundError(2, "No such file or directory")


def _open(name: str, mode: str):
    if is_url(name):
        import fsspec

        return fsspec.open(name, mode).open()
    return open(name, mode)


def _exists(name: str) -> bool:
    if is_url(name):
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(name)
        return fs.exists(path)
    return os.path.exists(name)
