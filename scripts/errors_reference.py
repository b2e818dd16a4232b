"""Write docs/errors.md from the message catalogue in alliance.errors (checked by tests/test_docs.py).

Usage: .venv/bin/python scripts/errors_reference.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "errors.md"
SECTIONS = {
    "G": "General",
    "B": "Batch analysis (`alliance.batch`, `alliance batch`)",
    "T": "Transcripts (`alliance.transcripts`)",
    "C": "Coding (`alliance.coding`)",
    "A": "Analysis and reports",
    "M": "Check-in instruments (`alliance.measures`)",
    "P": "Goals (`alliance.measures.gas`)",
    "N": "Analysis reports (`alliance analyze`)",
    "V": "Conversations in the web app",
    "K": "Check-ins in the web app",
    "S": "Settings",
    "R": "Records",
    "U": "Accounts (`alliance createuser`)",
    "I": "Importing clients (`alliance import clients`, /clients/import/)",
    "L": "Practice room (`alliance.practice`, /practice-room/, `alliance practice`)",
}


def render() -> str:
    from alliance.errors import MESSAGES

    lines = [
        "# Messages",
        "",
        "Every message Alliance shows for bad input or configuration, with its stable code.",
        "Generated from `alliance/errors.py` by `scripts/errors_reference.py`; a test fails when it is out of date.",
        "Words in braces are filled in with the file, line, field or value concerned.",
    ]
    by_section: dict[str, list[tuple[str, str]]] = {}
    for code, template in MESSAGES.items():
        by_section.setdefault(code[0], []).append((code, template))
    for prefix, entries in by_section.items():
        lines += ["", f"## {SECTIONS.get(prefix, prefix)}", "", "| code | message |", "|---|---|"]
        for code, template in sorted(entries):
            escaped = template.replace("|", "\\|")
            lines.append(f"| `{code}` | {escaped} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python scripts/errors_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
