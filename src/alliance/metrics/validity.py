"""What each session metric can carry, as measured against expert codes (docs/metrics.md, "Validity").

``bench/eval_feedback.py`` compares every metric computed from Alliance's codes with the
same metric computed from AnnoMI's expert codes (grouped cross-validation on train, and
dev): mean error, bias, correlation, and how well it tells high- from low-quality MI.
Counts of questions and reflections track the experts closely; the two shares below do
not, so they are shown as descriptions with this note, never against MITI's levels.
"""

from __future__ import annotations

NOTES = {
    "percent_open_questions": (
        "In expert-coded sessions this share did not follow the experts' own and did not tell good practice "
        "from poor, so read it as a description of this session, not as a sign of skill."
    ),
    "percent_complex_reflections": (
        "Telling simple from complex reflections is the coder's least reliable call, so this share is a rough "
        "description; it is not placed against MITI's levels."
    ),
}
# Metrics whose values are too loose to be set against MITI 4.2.1's fair / good levels.
NO_MITI_LEVEL = ("percent_complex_reflections",)


def note(metric: str) -> str:
    return NOTES.get(metric, "")
