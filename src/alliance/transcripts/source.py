"""Turn what the caller gave us (a path, text or bytes) into clean text and a display name.

Handles a UTF-8 (or UTF-16) byte-order mark and CRLF / lone CR line ends, so
every reader sees plain ``\\n``-separated text with true line numbers.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from alliance.errors import ParseError

# Longer than this, a string is surely transcript text rather than a path.
_MAX_PATH_CHARS = 4096
FILE_SUFFIXES = (".vtt", ".srt", ".txt", ".csv", ".json")


@dataclass(frozen=True)
class Source:
    text: str
    display: str  # shown in messages: the file's name, or ``name`` for text
    origin: str  # Transcript.source: the path as given, or the display name


def read_source(source, name: str | None = None) -> Source:
    if isinstance(source, Path):
        return _from_file(source)
    if isinstance(source, (bytes, bytearray)):
        display = name or "<text>"
        return Source(decode(bytes(source), display), display, display)
    if isinstance(source, str):
        path = _as_existing_file(source)
        if path is not None:
            return _from_file(path)
        if _looks_like_a_file_name(source):
            raise ParseError("G001", path=source)
        display = name or "<text>"
        return Source(normalise_newlines(source.removeprefix("\ufeff")), display, display)
    raise TypeError(f"parse() takes a path, text or bytes, not {type(source).__name__}")


def _as_existing_file(text: str) -> Path | None:
    if not text or len(text) > _MAX_PATH_CHARS or "\n" in text or "\r" in text:
        return None
    try:
        path = Path(text)
        return path if path.is_file() else None
    except (OSError, ValueError):
        return None


def _looks_like_a_file_name(text: str) -> bool:
    """A one-line string such as ``session.vtt`` is a mistyped path, not a transcript."""
    return "\n" not in text and text.strip() == text and text.lower().endswith(FILE_SUFFIXES)


def _from_file(path: Path) -> Source:
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise ParseError("G001", path=str(path)) from None
    except OSError as exc:  # permissions, a device that went away
        raise ParseError("G002", path=str(path), detail=exc.strerror or type(exc).__name__) from None
    return Source(decode(data, path.name), path.name, str(path))


def decode(data: bytes, display: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass  # fall through to the UTF-8 message, which names a line
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _encoding_error(data, exc.start, display) from None
    return normalise_newlines(text)


def _encoding_error(data: bytes, offset: int, display: str) -> ParseError:
    before = data[:offset]
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    line = before.count(b"\n") + before.replace(b"\r\n", b"").count(b"\r") + 1
    return ParseError(
        "T001",
        path=display,
        line=line,
        byte=f"0x{data[offset]:02x}",
        column=offset - line_start + 1,
    )


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
