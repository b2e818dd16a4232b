"""Where a batch's transcripts are, and how they are split into tasks.

A source is a local path (the default) or any fsspec URL the workers can reach
(``s3://archive/2025/``, ``file:///mnt/shared/...``). Folders are searched
recursively for transcript files, sorted, so every run sees the same order.
Partitions group consecutive files by size so that each task does a second or
more of work: scheduling one task per file costs more than analysing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from alliance.errors import AllianceError, ParseError

TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".txt", ".csv", ".json")

# About 1.5 s of analysis on one core for plain-text and CSV transcripts (docs/benchmarks.md).
TARGET_PARTITION_BYTES = 256 * 1024
MIN_PARTITION_BYTES = 96 * 1024
IN_PROCESS_PARTITION_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One transcript to analyse: ``name`` as the user gave or found it (a path or a URL) and its size."""

    name: str
    size: int = 0
    # Set when the client sends the file with the task; never in a repr (Dask logs failed tasks' arguments).
    content: bytes | None = field(default=None, repr=False)

    @property
    def is_url(self) -> bool:
        return is_url(self.name)


def is_url(name: str) -> bool:
    return "://" in name


def find_sources(inputs: Iterable[str | Path]) -> list[SourceFile]:
    """Files named directly, and transcript files found (recursively, sorted) in folders or URLs.

    A name that does not exist raises ``AllianceError`` B001 before any work starts.
    """
    found: list[SourceFile] = []
    for item in inputs:
        name = str(item)
        if is_url(name):
            found.extend(_find_remote(name))
        else:
            found.extend(_find_local(Path(name)))
    return found


def _find_local(path: Path) -> list[SourceFile]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES)
        return [SourceFile(str(p), p.stat().st_size) for p in files]
    if not path.exists():
        raise AllianceError("B001", path=str(path))
    return [SourceFile(str(path), path.stat().st_size)]


def _find_remote(url: str) -> list[SourceFile]:
    fs, root = _filesystem(url)
    try:
        if fs.isdir(root):
            entries = fs.find(root, detail=True)
            names = sorted(n for n, info in entries.items() if info.get("type") == "file" and n.lower().endswith(TRANSCRIPT_SUFFIXES))
            return [SourceFile(_as_given(url, root, n), int(entries[n].get("size") or 0)) for n in names]
        if fs.isfile(root):
            return [SourceFile(url, int(fs.size(root) or 0))]
    except OSError as exc:
        raise AllianceError("B002", url=url, detail=_detail(exc)) from None
    raise AllianceError("B001", path=url)


def _as_given(url: str, root: str, name: str) -> str:
    """A found file named the way the user wrote the folder: ``s3://archive/2025/a.vtt``."""
    root = root.rstrip("/")
    return url.rstrip("/") + name[len(root):] if name.startswith(root) else name


def _filesystem(url: str):
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise AllianceError("B002", url=url, detail="fsspec is not installed; pip install 'alliance[batch]'") from None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise AllianceError("B002", url=url, detail=_detail(exc)) from None


def _detail(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def read_source(source: SourceFile) -> bytes | Path:
    """What ``parse`` reads: the bytes sent with the task, a local ``Path``, or a URL's bytes.

    A URL that cannot be read becomes the same per-file error a missing local file gives.
    """
    if source.content is not None:
        return source.content
    if not source.is_url:
        return Path(source.name)
    fs, path = _filesystem(source.name)
    try:
        with fs.open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise ParseError("G001", path=source.name) from None
    except OSError as exc:
        raise ParseError("G002", path=source.name, detail=_detail(exc)) from None


def with_content(source: SourceFile) -> SourceFile:
    """The file with its bytes attached, for workers that cannot see the client's files.

    A file the client cannot read goes without them; the worker then reports why it was skipped.
    """
    try:
        data = read_source(source)
        return replace(source, content=data if isinstance(data, bytes) else data.read_bytes())
    except (AllianceError, OSError):
        return source


def partition(files: list[SourceFile], workers: int, files_per_task: int = 0) -> list[list[SourceFile]]:
    """Consecutive runs of files, in input order.

    ``files_per_task`` fixes the number of files per task; 0 sizes tasks by bytes: about
    256 KB each (a second or two of work), smaller when that would leave fewer than four
    tasks per worker, never below 96 KB. ``workers=0`` (in this process) uses 1 MB.
    """
    if not files:
        return []
    if files_per_task > 0:
        return [files[i:i + files_per_task] for i in range(0, len(files), files_per_task)]
    if workers <= 0:
        target = IN_PROCESS_PARTITION_BYTES
    else:
        total = sum(max(f.size, 1) for f in files)
        target = max(MIN_PARTITION_BYTES, min(TARGET_PARTITION_BYTES, total // (4 * workers)))
    parts: list[list[SourceFile]] = []
    current: list[SourceFile] = []
    size = 0
    for f in files:
        current.append(f)
        size += max(f.size, 1)
        if size >= target:
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return parts
