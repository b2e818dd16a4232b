"""Small hand-written AnnoMI-format conversations for coding tests (no real data needed)."""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = (
    "transcript_id", "mi_quality", "utterance_id", "interlocutor", "utterance_text",
    "main_therapist_behaviour", "client_talk_type", "therapist_input_subtype",
    "reflection_subtype", "question_subtype",
)

# (speaker, text, label, subtype): label is the behaviour (therapist) or talk type (client).
CONVERSATIONS = {
    "1": [
        ("therapist", "Hi, thanks for coming in. What brings you here today?", "question", "open"),
        ("client", "My doctor says I drink too much, but honestly I don't think it's a problem.", "sustain", None),
        ("therapist", "You're not sure it's a problem for you.", "reflection", "simple"),
        ("client", "Right. I mean, it helps me relax after work.", "sustain", None),
        ("therapist", "Do you drink every day?", "question", "closed"),
        ("client", "Most days, yeah.", "neutral", None),
        ("therapist", "Drinking most nights is above the guideline of fourteen units a week.", "therapist_input", "information"),
        ("client", "I didn't know that.", "neutral", None),
        ("therapist", "Part of you enjoys it, and part of you wonders what it is doing to your health.", "reflection", "complex"),
        ("client", "I guess I do want to cut down a bit, for my kids.", "change", None),
        ("therapist", "Mm-hmm.", "other", None),
        ("client", "I could stop buying it during the week.", "change", None),
        ("therapist", "You should stop drinking on weeknights.", "therapist_input", "advice"),
        ("client", "Maybe.", "neutral", None),
        ("therapist", "How would you like to go about it?", "question", "open"),
        ("client", "I want to try a dry month.", "change", None),
    ],
    "2": [
        ("therapist", "Good morning. How have things been since last week?", "question", "open"),
        ("client", "Pretty good, I walked three times.", "change", None),
        ("therapist", "You kept your plan even on busy days.", "reflection", "complex"),
        ("client", "Yeah, it felt good.", "neutral", None),
        ("therapist", "Is it okay if I share some options other people have tried?", "therapist_input", "negotiation"),
        ("client", "Sure.", "neutral", None),
        ("therapist", "Some people walk at lunch, some join a group, some use an app.", "therapist_input", "options"),
        ("client", "I don't really like groups.", "sustain", None),
        ("therapist", "Groups are not for you.", "reflection", "simple"),
        ("client", "No, but walking at lunch could work.", "change", None),
        ("therapist", "Are you free at lunch most days?", "question", "closed"),
        ("client", "On Mondays and Wednesdays.", "neutral", None),
        ("therapist", "Okay.", "other", None),
        ("client", "I'll start on Monday.", "change", None),
    ],
}


def write_small_annomi(path: Path, conversations=None) -> Path:
    conversations = conversations or CONVERSATIONS
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for tid, turns in conversations.items():
            for i, (speaker, text, label, subtype) in enumerate(turns):
                therapist = speaker == "therapist"
                writer.writerow([
                    tid, "high", i, speaker, text,
                    label if therapist else "n/a",
                    "n/a" if therapist else label,
                    subtype if therapist and label == "therapist_input" else "n/a",
                    subtype if therapist and label == "reflection" else "n/a",
                    subtype if therapist and label == "question" else "n/a",
                ])
    return Path(path)
