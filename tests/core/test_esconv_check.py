"""The out-of-domain check (bench/eval_esconv.py): how ESConv chats become transcripts and labels.

These tests write their own tiny ESConv-shaped file; no ESConv text is stored in the repository.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from alliance.coding.codes import BEHAVIOURS

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "eval_esconv.py"
ESCONV_STRATEGIES = (
    "Question", "Restatement or Paraphrasing", "Reflection of feelings", "Self-disclosure",
    "Affirmation and Reassurance", "Providing Suggestions", "Information", "Others",
)


def _script():
    spec = importlib.util.spec_from_file_location("eval_esconv", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_esconv_strategy_maps_to_one_annomi_behaviour():
    mapping = _script().STRATEGY_TO_BEHAVIOUR
    assert set(mapping) == set(ESCONV_STRATEGIES)
    assert set(mapping.values()) == set(BEHAVIOURS)


def test_a_chat_becomes_a_transcript_with_one_utterance_per_turn_and_its_strategies(tmp_path):
    record = {
        "conversation_id": "made-up-1",
        "survey_score": {"seeker": {"empathy": "4", "initial_emotion_intensity": "5", "final_emotion_intensity": "2"}},
        "dialog": [
            {"turn": 0, "speaker": "seeker", "text": "Hi there"},
            {"turn": 1, "speaker": "supporter", "text": "Hello, what is on your mind?", "strategy": "Question"},
            {"turn": 2, "speaker": "supporter", "text": "   ", "strategy": "Others"},
            {"turn": 3, "speaker": "supporter", "text": "Take your time.", "strategy": "Others"},
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    [conversation] = _script().read_esconv(path)
    roles = [u.role for u in conversation["transcript"].utterances]
    assert roles == ["client", "practitioner", "practitioner"]  # the empty turn is dropped, not merged
    assert conversation["strategies"] == [None, "Question", "Others"]
    assert conversation["survey"]["empathy"] == "4"


def test_precision_and_recall_count_flags_against_the_gold_labels():
    result = _script().precision_recall([True, True, False, False], [True, False, True, False])
    assert result == {"precision": 0.5, "recall": 0.5, "flagged": 2, "gold": 2}
