"""Read and write cue times. Times are seconds as floats, exact to the millisecond."""

from __future__ import annotations

import re

from alliance.errors import ParseError

# Hours are optional (WebVTT allows MM:SS.mmm); the fraction may use '.' or ','.
_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,9}))?")

VTT_EXPECTED = "HH:MM:SS.mmm"
SRT_EXPECTED = "HH:MM:SS,mmm"
TABLE_EXPECTED = "seconds or HH:MM:SS.mmm"
_LONGEST_SECONDS = 10**8  # beyond any session; keeps the arithmetic finite


def parse_time(token: str, *, path: str, line: int, expected: str = VTT_EXPECTED) -> float:
    """``'01:02:03.456'`` -> 3723.456; raises ParseError (T005) on anything else."""
    if len(token) == 12 and token[2] == ":" and token[5] == ":" and token[8] in ".,":
        # Fast path for the canonical shape, which is nearly every cue.
        digits = token[0:2] + token[3:5] + token[6:8] + token[9:12]
        if digits.isascii() and digits.isdigit() and digits[2] < "6" and digits[4] < "6":
            return (int(digits[0:2]) * 3_600_000 + int(digits[2:4]) * 60_000 + int(digits[4:])) / 1000
    match = _TIME.fullmatch(token)
    if match is None:
        raise ParseError("T005", path=path, line=line, value=token, expected=expected)
    hours, minutes, seconds, fraction = match.groups()
    minutes, seconds = int(minutes), int(seconds)
    if minutes > 59 or seconds > 59:
        raise ParseError("T005", path=path, line=line, value=token, expected=expected)
    millis = _millis(fraction) if fraction else 0
    total_ms = ((int(hours or 0) * 60 + minutes) * 60 + seconds) * 1000 + millis
    return total_ms / 1000


def _millis(fraction: str) -> int:
    if len(fraction) <= 3:
        return int(fraction.ljust(3, "0"))
    return round(int(fraction) / 10 ** (len(fraction) - 3))


def parse_table_time(value, *, path: str, line: int) -> float | None:
    """A time cell in CSV or JSON: blank -> None, a number of seconds, or a clock time."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ParseError("T005", path=path, line=line, value=str(value), expected=TABLE_EXPECTED)
    if isinstance(value, (int, float)):
        if not 0 <= value <= _LONGEST_SECONDS:  # also rejects NaN
            raise ParseError("T005", path=path, line=line, value=str(value), expected=TABLE_EXPECTED)
        return round(value * 1000) / 1000
    text = str(value).strip()
    if not text:
        return None
    if ":" in text:
        return parse_time(text, path=path, line=line, expected=TABLE_EXPECTED)
    try:
        seconds = float(text)
    except ValueError:
        raise ParseError("T005", path=path, line=line, value=text, expected=TABLE_EXPECTED) from None
    return parse_table_time(seconds, path=path, line=line)


def format_time(seconds: float, separator: str = ".") -> str:
    """3723.456 -> ``'01:03:43.456'`` (``separator=','`` for SRT)."""
    total_ms = max(0, round(seconds * 1000))
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"
