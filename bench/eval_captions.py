"""Speech-to-text check: the coder and the role guess on AnnoMI dev written as automatic captions.

    .venv/bin/python bench/eval_captions.py [--portion dev]

Each dev transcript is scored three ways: as edited (the experts' transcript), without
punctuation (lower case, no . , ? !), and without punctuation with fillers. For each: therapist
and client macro-F1, and per session the reflections-to-questions ratio (R:Q) next to the edited
transcript's. Roles are then hidden (speakers renamed A and B in order of speaking) and guessed
twice: by the parser alone (most "?" then first speaker) and by the coder's second opinion
(``alliance.coding.roles``). What a practitioner reads is checked too: the feedback as shown
(gated, as on the page) is scored claim by claim against the experts' codes, with the same
checker and item verdicts as bench/eval_feedback.py, and the calibration (ECE) of each written
form. Results go to docs/coding.md ("Speech-to-text") and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import random
from dataclasses import replace

import numpy as np
from sklearn.metrics import f1_score

from alliance.analysis import fit_to_role
from alliance.coding import load_coder
from alliance.coding.annomi_data import data_dir, read_annomi_csv
from alliance.coding.augment import unpunctuated, with_filler
from alliance.coding.roles import guess_practitioner
from alliance.coding.tasks import TASKS
from alliance.metrics import session_metrics
from alliance.transcripts import parse
from eval_feedback import calibration, code_all, refresh_markers, score_feedback


def rewrite(transcripts, how: str):
    if how == "edited":
        return transcripts
    rng = random.Random(1729)
    out = []
    for t in transcripts:
        utterances = []
        for u in t.utterances:
            text = unpunctuated(u.text)
            if how == "captions with fillers" and rng.random() < 0.25:
                text = with_filler(text, rng)
            utterances.append(replace(u, text=text))
        out.append(replace(t, utterances=utterances))
    return out


def macro_f1(coder, transcripts, task: str) -> float:
    spec = TASKS[task]
    predicted = coder.predict(transcripts)[task]
    gold, pred = [], []
    for u, p in zip([u for t in transcripts for u in t.utterances], predicted):
        label = spec.gold(u.metadata["gold"]) if u.role == spec.role else None
        if label and p:
            gold.append(label)
            pred.append(p[0])
    return float(f1_score(gold, pred, labels=list(spec.labels), average="macro", zero_division=0))


def rq(coder, transcript) -> float | None:
    codes = [fit_to_role(c, u.role) for u, c in zip(transcript.utterances, coder.code(transcript))]
    return session_metrics(transcript, codes).reflection_to_question_ratio


def feedback_check(coder, transcripts) -> dict:
    """Claims of the feedback as shown, checked against the experts' codes; calibration of this written form."""
    coded = refresh_markers(transcripts, code_all(transcripts, coder))
    shown = score_feedback(transcripts, coded, gated=True)
    items = shown["items"]["ALL"]
    return {"claims": shown["claims"]["ALL"], "checked_items": items.get("all", 0) - items.get("unchecked", 0),
            "wrong_items": items.get("wrong", 0), "questions": items.get("unchecked", 0),
            "ece": {field: c["ece"] for field, c in calibration(transcripts, coded).items()}}


def hidden_names(transcript):
    """The session as a plain 'A: ... / B: ...' text, speakers in order of speaking, roles unknown."""
    names: dict[str, str] = {}
    lines = []
    for u in transcript.utterances:
        names.setdefault(u.speaker, "AB"[len(names)] if len(names) < 2 else f"S{len(names)}")
        lines.append(f"{names[u.speaker]}: {' '.join(u.text.split()) or '…'}")
    # The truth is whoever the reader gave the practitioner's role (the speaker is named "Therapist").
    practitioner = next(u.speaker for u in transcript.utterances if u.role == "practitioner")
    return "\n".join(lines), names[practitioner]


def roles(coder, transcripts) -> dict:
    parser_right = coder_right = sure = sure_right = 0
    for t in transcripts:
        text, truth = hidden_names(t)
        parsed = parse(text, format="text")
        first_guess = next(u.speaker for u in parsed.utterances if u.role == "practitioner")
        parser_right += first_guess == truth
        guess = guess_practitioner(coder, parsed)
        ok = guess is not None and guess.practitioner == truth
        coder_right += ok
        sure += bool(guess and guess.sure)
        sure_right += bool(guess and guess.sure and ok)
    return {"sessions": len(transcripts), "parser_right": parser_right, "coder_right": coder_right,
            "coder_sure": sure, "coder_sure_and_right": sure_right}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portion", default="dev", choices=("dev", "train"))
    args = parser.parse_args()
    coder = load_coder()
    transcripts = read_annomi_csv(data_dir() / f"{args.portion}.csv")
    base_rq = [rq(coder, t) for t in transcripts]
    print(f"{coder.name} on AnnoMI {args.portion} ({len(transcripts)} transcripts); {platform.python_version()}\n")
    print("| written as | variant used | therapist macro-F1 | client macro-F1 | sessions with R:Q within 30 % of edited | median R:Q ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    role_rows, feedback_rows = {}, {}
    for how in ("edited", "captions", "captions with fillers"):
        ts = rewrite(transcripts, how)
        variants = sorted({coder.variant_for(t) for t in ts})
        ratios = [b and r is not None and r / b for b, r in zip(base_rq, (rq(coder, t) for t in ts)) if b]
        ratios = [x for x in ratios if x is not None and x is not False]
        within = sum(1 for x in ratios if 0.7 <= x <= 1.3)
        print(f"| {how} | {', '.join(variants)} | {macro_f1(coder, ts, 'therapist'):.3f} | {macro_f1(coder, ts, 'client'):.3f} | "
              f"{within} of {len(ratios)} | {np.median(ratios):.2f} |")
        feedback_rows[how] = feedback_check(coder, ts)
        if how != "captions with fillers":
            role_rows[how] = roles(coder, ts)
    print("\n| written as | sessions | parser's guess right | coder's guess right | coder sure | sure and right |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for how, r in role_rows.items():
        print(f"| {how} | {r['sessions']} | {r['parser_right']} | {r['coder_right']} | {r['coder_sure']} | {r['coder_sure_and_right']} |")
    print("\n| written as | claims of the feedback shown: held / checked | precision | checked items wrong | "
          "moments offered as questions | ECE therapist / client |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for how, f in feedback_rows.items():
        c = f["claims"]
        print(f"| {how} | {c['held']} / {c['held'] + c['failed']} | {c['precision']} | {f['wrong_items']} of {f['checked_items']} | "
              f"{f['questions']} | {f['ece']['behaviour']} / {f['ece']['client_talk']} |")


if __name__ == "__main__":
    main()
