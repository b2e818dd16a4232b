"""Out-of-domain check: the AnnoMI-trained coder on ESConv's emotional-support chats.

    .venv/bin/python bench/eval_esconv.py [--split dev] [--bootstrap 1000]

ESConv (CC BY-NC 4.0, academic use; ../shared/data/esconv) is read for evaluation only:
nothing from it is trained on, stored or shipped. Its supporters' eight helping-skill
strategies are mapped onto AnnoMI's four practitioner behaviours (``STRATEGY_TO_BEHAVIOUR``),
so the coder can be scored on conversations of another kind than it learnt from: typed
chats between crowd workers, not transcribed MI demonstrations. The same run also scores:

- the TF-IDF + logistic-regression baseline of ``bench_coding.py`` (balanced, AnnoMI train);
- the affirmation rule against "Affirmation and Reassurance", and the advice wording rule
  (``gives_advice``) against "Providing Suggestions";
- whether session metrics track how the help-seeker rated the chat (Spearman's rho over
  conversations, with the seeker's empathy rating and the drop in emotional intensity).

Results go to docs/coding.md, section "Out-of-domain check on ESConv".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

STRATEGY_TO_BEHAVIOUR = {
    "Question": "question",
    "Restatement or Paraphrasing": "reflection",
    "Reflection of feelings": "reflection",
    "Providing Suggestions": "therapist_input",
    "Information": "therapist_input",
    # MI coding counts affirmations, reassurance, self-disclosure and small talk as "other".
    "Affirmation and Reassurance": "other",
    "Self-disclosure": "other",
    "Others": "other",
}
ROLE = {"supporter": "practitioner", "seeker": "client"}


def esconv_dir() -> Path:
    root = os.environ.get("ALLIANCE_DATA_DIR")
    return Path(root) / "esconv" if root else Path(__file__).resolve().parents[2] / "shared" / "data" / "esconv"


def read_esconv(path: Path) -> list[dict]:
    """Each conversation as {"transcript", "strategies", "survey"}; one utterance per ESConv turn."""
    from alliance.transcripts.model import Transcript, Utterance

    conversations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        turns = [t for t in record["dialog"] if t.get("speaker") in ROLE and t.get("text", "").strip()]
        utterances = [
            Utterance(index=i, speaker=t["speaker"], role=ROLE[t["speaker"]], text=t["text"].strip())
            for i, t in enumerate(turns)
        ]
        conversations.append(
            {
                "transcript": Transcript(utterances),
                "strategies": [t.get("strategy") for t in turns],
                "survey": record.get("survey_score", {}).get("seeker", {}),
            }
        )
    return conversations


def behaviour_scores(gold: list[str], pred: list[str], groups: list[int], rounds: int) -> dict:
    from alliance.coding.codes import BEHAVIOURS
    from alliance.coding.evaluation import bootstrap_interval, scores

    result = scores(gold, pred, list(BEHAVIOURS))
    if rounds:
        result["interval"] = bootstrap_interval(gold, pred, np.asarray(groups), list(BEHAVIOURS), rounds, seed=1729)
    return result


def precision_recall(flags: list[bool], gold: list[bool]) -> dict:
    tp = sum(f and g for f, g in zip(flags, gold))
    fp = sum(f and not g for f, g in zip(flags, gold))
    fn = sum(g and not f for f, g in zip(flags, gold))
    return {"precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn), "flagged": tp + fp, "gold": tp + fn}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args()

    from scipy.stats import spearmanr

    from alliance.coding import load_coder
    from alliance.coding.rules import gives_advice, is_affirmation
    from alliance.metrics import session_metrics
    from bench_coding import BaselineCoder

    path = esconv_dir() / f"{args.split}.jsonl"
    if not path.is_file():
        sys.exit(f"{path}: not found (set ALLIANCE_DATA_DIR to the folder holding esconv/)")
    conversations = read_esconv(path)
    coder = load_coder()
    with tempfile.TemporaryDirectory() as folder:
        BaselineCoder.fit(Path(folder) / "baseline.joblib")
        baseline = BaselineCoder(Path(folder) / "baseline.joblib")
        gold, groups, ours, theirs, affirm, affirm_gold, advice, advice_gold = [], [], [], [], [], [], [], []
        per_conversation = []
        for k, conversation in enumerate(conversations):
            transcript = conversation["transcript"]
            codes = coder.code(transcript)
            base_codes = baseline.code(transcript)
            for u, strategy, c, b in zip(transcript.utterances, conversation["strategies"], codes, base_codes):
                if u.role != "practitioner" or strategy not in STRATEGY_TO_BEHAVIOUR:
                    continue
                gold.append(STRATEGY_TO_BEHAVIOUR[strategy])
                groups.append(k)
                ours.append(c.behaviour)
                theirs.append(b.behaviour)
                affirm.append(is_affirmation(u.text))
                affirm_gold.append(strategy == "Affirmation and Reassurance")
                advice.append(gives_advice(u.text, None))
                advice_gold.append(strategy == "Providing Suggestions")
            metrics = session_metrics(transcript, codes)
            per_conversation.append((metrics, conversation["survey"]))

    report = {
        "split": args.split,
        "conversations": len(conversations),
        "supporter_utterances": len(gold),
        "shipped": behaviour_scores(gold, ours, groups, args.bootstrap),
        "baseline": behaviour_scores(gold, theirs, groups, args.bootstrap),
        "affirmation_rule": precision_recall(affirm, affirm_gold),
        "advice_wording_rule": precision_recall(advice, advice_gold),
        "correlations": {},
    }
    ratings = {
        "empathy": lambda s: float(s["empathy"]),
        "emotion_drop": lambda s: float(s["initial_emotion_intensity"]) - float(s["final_emotion_intensity"]),
    }
    measures = {
        "reflections_per_question": lambda m: m.reflection_to_question_ratio,
        "percent_open_questions": lambda m: m.percent_open_questions,
        "practitioner_talk_share": lambda m: m.practitioner_talk_share,
        "affirmations": lambda m: m.affirmations,
        "advice_without_permission": lambda m: m.advice_without_permission,
    }
    for rating, get_rating in ratings.items():
        for measure, get_measure in measures.items():
            pairs = []
            for metrics, survey in per_conversation:
                try:
                    x, y = get_measure(metrics), get_rating(survey)
                except (KeyError, TypeError, ValueError):
                    continue
                if x is not None:
                    pairs.append((x, y))
            rho, p = spearmanr(*zip(*pairs)) if len(pairs) > 2 else (float("nan"), float("nan"))
            report["correlations"][f"{measure}~{rating}"] = {"n": len(pairs), "rho": round(float(rho), 3), "p": float(p)}

    print(f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}")
    print(json.dumps(report, indent=1, default=lambda o: round(o, 4) if isinstance(o, float) else str(o)))


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
