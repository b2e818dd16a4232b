"""Read an import file into named columns and rows, each row with the physical line it starts on.

Accepts what spreadsheets write: UTF-8 with or without a byte-order mark, CRLF or LF line
ends, ',' or Excel's ';' (or a tab) between cells, quoted cells that run over several lines.
Everything wrong with the file itself becomes an ``ImportProblem`` that names the file and line.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from alliance.errors import AllianceError, format_message

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class ImportProblem:
    """One thing to fix, as one sentence; ``line`` and ``column`` say where (None: the whole file)."""

    code: str
    message: str
    line: int | None = None
    column: str | None = None


def problem(code: str, *, path: str, line: int | None = None, column: str | None = None, **fields) -> ImportProblem:
    return ImportProblem(code, format_message(code, path=path, line=line, column=column, **fields), line, column)


@dataclass
class Row:
    line: int
    cells: dict[str, str]  # column name -> the cell, outer spaces trimmed, line ends as "\n"


@dataclass
class Table:
    rows: list[Row]


class FileRefused(Exception):
    """The file cannot be read as an import at all; carries the one problem that says why."""

    def __init__(self, found: ImportProblem):
        super().__init__(found.message)
        self.problem = found


def read_source(source, name: str) -> str:
    """The file's text. ``source``: a path (``os.PathLike``), an uploaded/open binary file, bytes or str."""
    if isinstance(source, os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise AllianceError("G001", path=str(path))
        _check_size(path.stat().st_size, name)
        data = path.read_bytes()
    elif hasattr(source, "read"):
        size = getattr(source, "size", None)
        if size is not None:
            _check_size(size, name)
        data = source.read(MAX_BYTES + 1)
    else:
        data = source
    if isinstance(data, str):
        _check_size(len(data.encode("utf-8", "surrogatepass")), name)
        return data.removeprefix("\ufeff")
    _check_size(len(data), name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileRefused(problem("I003", path=name, line=line, byte=f"0x{data[exc.start]:02X}")) from None


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise FileRefused(problem("I001", path=name, size=f"{size / 1024 / 1024:.1f} MB", limit=f"{MAX_BYTES / 1024 / 1024:g} MB"))


def heading_key(heading: str) -> str:
    """'Preferred Name', ' preferred-name ', 'PREFERRED_NAME' (and 'E-mail') compare equal."""
    return re.sub(r"[\s_\-]+", "", heading.lower())


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties keep the comma, listed first
    return best if counts[best] else ","


def _cell(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


# Only these columns may hold line breaks (inside double quotes); anywhere else one means a lost quote.
MULTILINE_COLUMNS = ("address",)


def read_table(text: str, name: str, known: tuple[str, ...], required: str = "name") -> tuple[Table | None, list[ImportProblem]]:
    """The header's columns and every non-blank row; a header that cannot be trusted gives no table."""
    delimiter = _delimiter(text)
    # strict: an unterminated quote is an error, not a cell that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[ImportProblem] = []
    header: list[str | None] | None = None
    header_line = 1
    rows: list[Row] = []
    start = 1  # the physical line the next record starts on (a quoted cell may span lines)
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue  # blank lines, and rows of empty cells that spreadsheets leave at the end
            if header is None:
                header, header_line = _header(cells, line, name, known, required, problems), line
                if problems:
                    return None, problems
                continue
            if len(rows) == MAX_ROWS:
                raise FileRefused(problem("I002", path=name, limit=MAX_ROWS))
            row, row_problems = _row(cells, line, header, name, delimiter)
            rows.append(row)
            problems += row_problems
    except csv.Error as exc:
        problems.append(problem("I009", path=name, line=start, detail=str(exc)))
    if header is None:
        if problems:  # the very first record could not be read: say why, not "empty"
            return None, problems
        raise FileRefused(problem("I004", path=name))
    if not rows and not problems:
        raise FileRefused(problem("I010", path=name, line=header_line))
    return Table(rows), problems


def _header(cells, line, name, known, required, found: list[ImportProblem]) -> list[str | None]:
    """Each cell's column name (None for a blank heading); what is wrong with them goes to ``found``."""
    by_key = {heading_key(column): column for column in known}
    header = [by_key.get(heading_key(c), c.strip()) or None for c in cells]
    expected = ", ".join(known)
    unknown = [c for c in header if c and c not in known]
    if unknown:
        quoted = [f"'{c}'" for c in unknown]
        what = f"column {quoted[0]}" if len(quoted) == 1 else f"columns {', '.join(quoted[:-1])} and {quoted[-1]}"
        found.append(problem("I005", path=name, line=line, what=what, expected=expected))
    for column in dict.fromkeys(c for c in header if c and header.count(c) > 1):
        found.append(problem("I007", path=name, line=line, column=column))
    if required not in header:
        found.append(problem("I006", path=name, line=line, expected=expected))
    return header


def _row(cells, line, header, name, delimiter) -> tuple[Row, list[ImportProblem]]:
    values: dict[str, str] = {}
    problems: list[ImportProblem] = []
    for position, raw in enumerate(cells, start=1):
        value = _cell(raw)
        if position > len(header):
            if value:
                used = len(cells) - next(i for i, c in enumerate(reversed(cells)) if c.strip())
                problems.append(problem("I008", path=name, line=line, found=used, expected=len(header), delimiter=delimiter))
                break
            continue
        column = header[position - 1]
        if column is None:
            if value:
                problems.append(problem("I022", path=name, line=line, position=position))
            continue
        if "\n" in value and column not in MULTILINE_COLUMNS:
            problems.append(problem("I023", path=name, line=line, column=column))
        values[column] = value
    return Row(line, values), problems
