"""CSV and JSON transcripts: one row (or item) per cue.

CSV columns (header row, any order, case-insensitive): ``speaker`` and ``text``
are required; ``start``, ``end`` (seconds or HH:MM:SS.mmm) and ``role``
(practitioner / client / other) are optional. ``name`` is accepted for
``speaker`` and ``utterance`` for ``text``. Comma, semicolon or tab separated.

JSON: a list of objects with the same fields, or ``{"utterances": [...],
"metadata": {...}}``.
"""

from __future__ import annotations

import csv
import io
import json
import re

from alliance.errors import ParseError
from alliance.transcripts.timecode import parse_table_time
from alliance.transcripts.turns import RawCue, clean_text

REQUIRED = ("speaker", "text")
OPTIONAL = ("start", "end", "role")
ALIASES = {"name": "speaker", "utterance": "text"}
ROLE_WORDS = {
    "practitioner": "practitioner",
    "therapist": "practitioner",
    "counsellor": "practitioner",
    "counselor": "practitioner",
    "social worker": "practitioner",
    "client": "client",
    "other": "other",
}
_EXPECTED_COLUMNS = "speaker, text (and optionally start, end, role)"
csv.field_size_limit(10_000_000)  # long monologues are still one cell


def header_columns(first_line: str) -> tuple[str, list[str]]:
    """Pick the delimiter the header uses most; return it and the normalised column names."""
    delimiter = max((",", ";", "\t"), key=first_line.count)
    names = next(csv.reader([first_line], delimiter=delimiter), [])
    return delimiter, [name.strip().strip("\ufeff").casefold() for name in names]


def read_csv(text: str, path: str) -> list[RawCue]:
    first_line = text.split("\n", 1)[0]
    delimiter, names = header_columns(first_line)
    columns = {ALIASES.get(n, n): i for i, n in reversed(list(enumerate(names)))}
    for column in REQUIRED:
        if column not in columns:
            found = ", ".join(n for n in names if n) or "nothing"
            raise ParseError("T009", path=path, column=column, expected=_EXPECTED_COLUMNS, found=found)
    # Strict: a stray quote is an error on its line, never a cell that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    cues: list[RawCue] = []
    previous_end = 1
    try:
        next(reader)
        previous_end = reader.line_num
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cues.append(_cue(row, columns, path, line))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ParseError("T021", path=path, line=previous_end + 1) from None
        raise ParseError("T012", path=path, line=reader.line_num, kind="CSV", detail=str(exc)) from None
    return cues


def _cue(row: list[str], columns: dict[str, int], path: str, line: int) -> RawCue:
    def cell(name: str) -> str:
        i = columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    speaker = clean_text(cell("speaker"))
    if not speaker:
        raise ParseError("T010", path=path, line=line, column="speaker", expected="the name of who is speaking")
    said = clean_text(cell("text"))
    if not said:
        raise ParseError("T010", path=path, line=line, column="text", expected="what was said")
    return RawCue(
        speaker,
        said,
        line,
        parse_table_time(cell("start"), path=path, line=line),
        parse_table_time(cell("end"), path=path, line=line),
        _role(cell("role"), path, line),
    )


def _role(value: str, path: str, line: int) -> str | None:
    if not value:
        return None
    role = ROLE_WORDS.get(value.casefold())
    if role is None:
        raise ParseError("T011", path=path, line=line, value=value)
    return role


# --- JSON -----------------------------------------------------------------

_UTTERANCES_KEY = re.compile(r'"utterances"\s*:\s*\[')


def read_json(text: str, path: str) -> tuple[list[RawCue], dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError("T012", path=path, line=exc.lineno, kind="JSON", detail=exc.msg) from None
    except RecursionError:
        raise ParseError("T012", path=path, line=1, kind="JSON", detail="nested too deeply") from None
    metadata: dict = {}
    if isinstance(data, dict) and isinstance(data.get("utterances"), list):
        items = data["utterances"]
        if isinstance(data.get("metadata"), dict):
            metadata = data["metadata"]
        match = _UTTERANCES_KEY.search(text)
        lines = _item_lines(text, match.end() if match else None, len(items))
    elif isinstance(data, list):
        items = data
        lines = _item_lines(text, text.index("[") + 1, len(items))
    else:
        raise ParseError("T013", path=path, line=1, found=_kind(data))
    return [_json_cue(item, i + 1, lines[i], path) for i, item in enumerate(items)], metadata


def _item_lines(text: str, array_body: int | None, count: int) -> list[int]:
    """The line each top-level item of the array starts on (1 for all if it can't be found)."""
    if array_body is None:
        return [1] * count
    decoder = json.JSONDecoder()
    lines: list[int] = []
    position = array_body
    line = text.count("\n", 0, position) + 1
    try:
        for _ in range(count):
            while text[position] in " \t\n\r,":
                if text[position] == "\n":
                    line += 1
                position += 1
            lines.append(line)
            _, end = decoder.raw_decode(text, position)
            line += text.count("\n", position, end)
            position = end
    except (json.JSONDecodeError, IndexError, RecursionError):
        return [1] * count
    return lines


def _json_cue(item, number: int, line: int, path: str) -> RawCue:
    def wrong(field: str, expected: str, found: str) -> ParseError:
        return ParseError("T015", path=path, line=line, item=number, field=field, expected=expected, found=found)

    if not isinstance(item, dict):
        raise wrong("item", "an object", _kind(item))
    for field in REQUIRED:
        if field not in item:
            raise ParseError("T014", path=path, line=line, item=number, field=field)
        if not isinstance(item[field], str):
            raise wrong(field, "text", _kind(item[field]))
    if not item["speaker"].strip():
        raise wrong("speaker", "a name", "empty text")
    times = []
    for field in ("start", "end"):
        value = item.get(field)
        if isinstance(value, (bool, list, dict)):
            raise wrong(field, "seconds or HH:MM:SS.mmm", _kind(value))
        times.append(parse_table_time(value, path=path, line=line))
    role = item.get("role")
    if role is not None and not isinstance(role, str):
        raise wrong("role", "practitioner, client or other", _kind(role))
    speaker, text = clean_text(item["speaker"]), clean_text(item["text"])
    return RawCue(speaker, text, line, times[0], times[1], _role(role or "", path, line))


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"
