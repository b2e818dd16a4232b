#!/usr/bin/env python3
"""Compile every src/alliance/web/locale/*/LC_MESSAGES/django.po into the .mo Django reads.

Babel and GNU gettext are not required: the .po format we use (msgid/msgstr, quoted
continuation lines, comments) and the .mo layout are simple. ``--check`` exits 1 when a
committed .mo is out of date, so CI catches a forgotten compile.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "src" / "alliance" / "web" / "locale"


def parse_po(text: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    key = value = None
    target = None
    fuzzy = False

    def flush():
        nonlocal key, value, fuzzy
        if key is not None and value is not None and (value or key == "") and not (fuzzy and key):
            messages[key] = value
        key = value = None
        fuzzy = False

    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            fuzzy = True
        elif line.startswith("#") or not line:
            continue
        elif line.startswith("msgid "):
            if key is not None:
                keep = fuzzy
                flush()
                fuzzy = keep
            key, target = ast.literal_eval(line[6:]), "id"
        elif line.startswith("msgstr "):
            value, target = ast.literal_eval(line[7:]), "str"
        elif line.startswith('"'):
            if target == "id":
                key += ast.literal_eval(line)
            else:
                value += ast.literal_eval(line)
    flush()
    return messages


def mo_bytes(messages: dict[str, str]) -> bytes:
    keys = sorted(messages)
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + len(keys) * 8
    data_start = strs_table + len(keys) * 8
    offsets, data = [], b""
    for raw in ids:
        offsets.append((len(raw), data_start + len(data)))
        data += raw + b"\0"
    str_offsets = []
    for raw in strs:
        str_offsets.append((len(raw), data_start + len(data)))
        data += raw + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, len(keys), ids_table, strs_table, 0, 0)
    out += b"".join(struct.pack("<2I", *o) for o in offsets)
    out += b"".join(struct.pack("<2I", *o) for o in str_offsets)
    return out + data


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        compiled = mo_bytes(parse_po(po.read_text(encoding="utf-8")))
        mo = po.with_suffix(".mo")
        if check:
            if not mo.exists() or mo.read_bytes() != compiled:
                stale.append(str(mo))
        else:
            mo.write_bytes(compiled)
            print(f"compiled {mo}")
    if stale:
        print("out of date (run scripts/compile_messages.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
