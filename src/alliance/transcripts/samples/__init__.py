"""Invented example sessions, one per format, for demos, docs and tests.

Everyone in them is fictional. ``sample_path("zoom_vtt")`` gives the file.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent

# format -> file name
SAMPLES = {
    "zoom_vtt": "zoom_session.vtt",
    "teams_vtt": "teams_session.vtt",
    "srt": "home_visit.srt",
    "text": "counselling_tc.txt",
    "names_text": "check_in_names.txt",
    "csv": "duty_call.csv",
    "json": "school_meeting.json",
}


def sample_path(kind: str) -> Path:
    """The path of the sample for ``kind`` (a key of SAMPLES)."""
    return _HERE / SAMPLES[kind]
