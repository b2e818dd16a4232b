"""Feedback-precision benchmark: do the claims Alliance's feedback makes hold against expert codes?

    .venv/bin/python bench/eval_feedback.py [--folds 5] [--cache var/eval_feedback] [--write] [--json out.json]

Every AnnoMI dev transcript is analysed with the shipped coder, and every train
transcript by a coder refit without its source group (grouped cross-validation,
``--folds`` folds by source group, each fold's coder trained and calibrated from
scratch on the other folds). Each feedback item's claims (docs/analysis.md,
"Claims") are checked against the experts' codes (``alliance.feedback.verify``):

- claim precision overall and per kind, and per item supported / partly / wrong,
  for the feedback as shown (gated) and for every kind asserted (ungated);
- a metrics-validity table: per session metric, MAE, bias and Pearson r against the
  same metric from the experts' codes, and the AUC for telling high- from low-quality
  MI (AnnoMI's ``mi_quality``) from our metric and from the experts' metric;
- calibration: expected calibration error and a reliability table for therapist
  behaviour and client talk;
- recall of change talk on client answers of one to three words.

``--write`` stores the per-kind ungated precision from grouped CV in
``src/alliance/feedback/claim_precision.json``: the table that decides which kinds
are asserted (``alliance.feedback.reliability``). Dev is the check, never the tuning.
Results go to docs/benchmarks.md ("Feedback precision") and docs/feedback.md.
"""

from __future__ import annotations

import argparse
import json
import pickle
import platform
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
METRICS = (
    "questions", "open_questions", "closed_questions", "percent_open_questions", "reflections",
    "simple_reflections", "complex_reflections", "percent_complex_reflections",
    "reflection_to_question_ratio", "change_talk", "sustain_talk", "change_talk_share",
    "advice_without_permission",
)


def gold_codes(transcript):
    from alliance.coding.codes import Codes

    out = []
    for u in transcript.utterances:
        g = u.metadata["gold"]
        if u.role == "practitioner":
            out.append(Codes(behaviour=g.behaviour, question=g.question, reflection=g.reflection, input=g.input))
        elif u.role == "client":
            out.append(Codes(client_talk=g.client_talk))
        else:
            out.append(Codes())
    return out


def code_all(transcripts, coder):
    from alliance.analysis import fit_to_role

    return [[fit_to_role(c, u.role) for u, c in zip(t.utterances, coder.code(t))] for t in transcripts]


def refresh_markers(transcripts, coded):
    """Recompute the advice marker from the stored probabilities, so a cached run follows ADVICE_MIN."""
    from alliance.coding.rules import advice_without_permission

    for t, codes in zip(transcripts, coded):
        roles = [u.role for u in t.utterances]
        texts = [u.text for u in t.utterances]
        for i, c in enumerate(codes):
            if roles[i] == "practitioner" and c.probabilities:
                c.advice_without_permission = advice_without_permission(roles, texts, i, c.probabilities)
    return coded


def advice_marker_curve(transcripts, coded) -> list[dict]:
    """Precision and recall of the advice marker against expert advice nobody invited, by threshold."""
    from alliance.coding.rules import advice_probability, invited

    rows = []
    for t, codes in zip(transcripts, coded):
        roles = [u.role for u in t.utterances]
        texts = [u.text for u in t.utterances]
        for i, (u, c) in enumerate(zip(t.utterances, codes)):
            if u.role != "practitioner" or not c.probabilities:
                continue
            g = u.metadata["gold"]
            gold = g.behaviour == "therapist_input" and g.input == "advice" and not invited(roles, texts, i)
            rows.append((advice_probability(c.probabilities) if not invited(roles, texts, i) else 0.0, gold))
    out = []
    positives = sum(1 for _, g in rows if g)
    for t in ADVICE_THRESHOLDS:
        flagged = [g for p, g in rows if p >= t]
        out.append({"threshold": t, "flagged": len(flagged), "precision": round(sum(flagged) / len(flagged), 3) if flagged else None,
                    "recall": round(sum(flagged) / positives, 3) if positives else None})
    return out


def grouped_folds(transcripts, folds: int):
    from sklearn.model_selection import GroupKFold

    from alliance.coding.annomi_data import group_of, source_groups

    groups = source_groups()
    labels = [group_of(t, groups) for t in transcripts]
    return list(GroupKFold(n_splits=folds).split(np.zeros(len(transcripts)), groups=labels)), groups


def cv_codes(train, folds: int, cache: Path | None):
    """Out-of-fold codes for every train transcript, each from a coder that never saw its source group."""
    from alliance.coding import load_coder
    from alliance.coding import train as train_coder
    from alliance.coding.artifact import code_hash

    key = cache / f"cv-{folds}-{code_hash()[:12]}.pickle" if cache else None
    if key and key.is_file():
        return pickle.loads(key.read_bytes())
    splits, groups = grouped_folds(train, folds)
    coded: list = [None] * len(train)
    for k, (fit_rows, held_rows) in enumerate(splits):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            # AnnoMI is edited text: the folds need only the edited variant.
            train_coder(out_dir=folder, transcripts=[train[i] for i in fit_rows], groups=groups, variants=("edited",))
            coder = load_coder(folder)
            for i, codes in zip(held_rows, code_all([train[i] for i in held_rows], coder)):
                coded[i] = codes
        print(f"  fold {k + 1}/{folds}: {len(held_rows)} transcripts, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if key:
        key.parent.mkdir(parents=True, exist_ok=True)
        key.write_bytes(pickle.dumps(coded))
    return coded


def feedback_items(transcript, codes, gated: bool):
    from alliance.feedback import give_feedback
    from alliance.metrics import session_metrics

    metrics = session_metrics(transcript, codes)
    return [o.to_dict() for o in give_feedback(transcript, codes, metrics, gated=gated).observations]


def score_feedback(transcripts, coded, gated: bool) -> dict:
    """Claim precision overall and per kind; item verdicts overall and per kind."""
    from alliance.feedback.verify import check_item, claim_holds

    claims = defaultdict(Counter)
    items = defaultdict(Counter)
    strengths_per_session = defaultdict(list)
    for t, codes in zip(transcripts, coded):
        gold = gold_codes(t)
        roles = [u.role for u in t.utterances]
        texts = [u.text for u in t.utterances]
        shown = feedback_items(t, codes, gated)
        strengths_per_session[t.metadata.get("mi_quality") or "?"].append(sum(1 for o in shown if o["strength"] and o["form"] == "statement"))
        for item in shown:
            kind = item["kind"] if item["form"] == "statement" else f"{item['kind']} (question)"
            for c in item["claims"]:
                result = claim_holds(c, gold, roles, texts)
                claims[kind]["unchecked" if result is None else "held" if result else "failed"] += 1
            items[kind][check_item(item, gold, roles, texts).verdict] += 1
            items[kind]["all"] += 1
    total_c, total_i = Counter(), Counter()
    for c in claims.values():
        total_c.update(c)
    for c in items.values():
        total_i.update(c)
    return {
        "claims": {k: _precision(v) for k, v in sorted(claims.items())} | {"ALL": _precision(total_c)},
        "items": {k: dict(v) for k, v in sorted(items.items())} | {"ALL": dict(total_i)},
        "strengths_per_session": {q: _spread(v) for q, v in strengths_per_session.items()},
    }


def _precision(c: Counter) -> dict:
    checked = c["held"] + c["failed"]
    return {"held": c["held"], "failed": c["failed"], "unchecked": c["unchecked"],
            "precision": round(c["held"] / checked, 3) if checked else None}


def _spread(values: list[int]) -> dict:
    return {"sessions": len(values), "mean": round(float(np.mean(values)), 2) if values else None,
            "with_three": sum(1 for v in values if v >= 3)}


def metrics_validity(transcripts, coded) -> dict:
    from scipy.stats import pearsonr
    from sklearn.metrics import roc_auc_score

    from alliance.metrics import session_metrics
    from alliance.metrics.expected import expected_metrics

    rows = {}
    quality = [t.metadata.get("mi_quality") for t in transcripts]
    high = np.array([q == "high" for q in quality])
    ours = [session_metrics(t, c).to_dict() for t, c in zip(transcripts, coded)]
    expected = [expected_metrics(t, c) for t, c in zip(transcripts, coded)]
    gold = [session_metrics(t, gold_codes(t)).to_dict() for t in transcripts]
    def row(pairs) -> dict | None:
        if len(pairs) < 5:
            return None
        o, g, h = (np.array(x, dtype=float) for x in zip(*pairs))
        r = pearsonr(o, g)[0] if o.std() > 0 and g.std() > 0 else float("nan")
        both = len(set(h.tolist())) == 2
        return {
            "sessions": len(pairs), "mae": round(float(np.abs(o - g).mean()), 2),
            "bias": round(float((o - g).mean()), 2), "r": round(float(r), 2),
            "auc_ours": round(float(roc_auc_score(h, o)), 2) if both else None,
            "auc_experts": round(float(roc_auc_score(h, g)), 2) if both else None,
        }

    for name in METRICS:
        for label, source in (("codes", ours), ("expected", expected)):
            if name not in source[0]:
                continue
            found = row([(o[name], g[name], h) for o, g, h in zip(source, gold, high) if o[name] is not None and g[name] is not None])
            if found:
                rows[f"{name} ({label})"] = found
    # R:Q where it is placed against MITI's levels (metrics/miti.py): the sessions given a level, and how
    # often that level (below fair / fair / good) is the one the experts' codes give.
    from alliance.metrics import SessionMetrics, miti_context

    rq = "reflection_to_question_ratio"

    def level(metrics: dict):
        return miti_context(SessionMetrics.from_dict(metrics)).summaries[0].level

    with_ratio = [(o, g, h) for o, g, h in zip(ours, gold, high) if o[rq] is not None and g[rq] is not None]
    given = [(o, g, h) for o, g, h in with_ratio if level(o) is not None]
    found = row([(o[rq], g[rq], h) for o, g, h in given])
    if found:
        rows[f"{rq} (codes, where a MITI level is given)"] = found
    for label, chosen in (("every session with a ratio", with_ratio), ("where a MITI level is given", given)):
        agree = sum(1 for o, g, _ in chosen if band_of(o[rq]) == band_of(g[rq]))
        rows[f"R:Q MITI level as the experts' ({label})"] = {
            "sessions": len(chosen), "agree": agree, "share": round(agree / len(chosen), 2) if chosen else None}
    return rows


def band_of(value: float) -> str:
    from alliance.metrics.miti_levels import BAND_NAMES, band

    return BAND_NAMES[band(value, "reflection_to_question_ratio")]


def calibration(transcripts, coded, bins: int = 10) -> dict:
    out = {}
    for field, role in (("behaviour", "practitioner"), ("client_talk", "client")):
        conf, right = [], []
        for t, codes in zip(transcripts, coded):
            for u, c in zip(t.utterances, codes):
                gold = getattr(u.metadata["gold"], field)
                if u.role == role and gold and c.confidence is not None:
                    conf.append(c.confidence)
                    right.append(getattr(c, field) == gold)
        conf, right = np.array(conf), np.array(right, dtype=float)
        edges = np.linspace(0, 1, bins + 1)
        table, ece = [], 0.0
        for lo, hi in zip(edges[:-1], edges[1:]):
            m = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
            if not m.any():
                continue
            gap = abs(conf[m].mean() - right[m].mean())
            ece += m.mean() * gap
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "confidence": round(float(conf[m].mean()), 3),
                          "accuracy": round(float(right[m].mean()), 3)})
        out[field] = {"ece": round(float(ece), 3), "n": int(len(conf)), "table": table}
    return out


def short_answer_recall(transcripts, coded) -> dict:
    """Recall (and precision) of change talk on client answers of one to three words."""
    tp = fn = fp = 0
    for t, codes in zip(transcripts, coded):
        for u, c in zip(t.utterances, codes):
            if u.role != "client" or not 1 <= u.words <= 3:
                continue
            gold = u.metadata["gold"].client_talk == "change"
            pred = c.client_talk == "change"
            tp += gold and pred
            fn += gold and not pred
            fp += pred and not gold
    return {"change_talk_short_answers": tp + fn, "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None}


def report(name, transcripts, coded) -> dict:
    return {
        "portion": name, "transcripts": len(transcripts),
        "shown": score_feedback(transcripts, coded, gated=True),
        "every_kind_asserted": score_feedback(transcripts, coded, gated=False),
        "metrics_validity": metrics_validity(transcripts, coded),
        "calibration": calibration(transcripts, coded),
        "short_answers": short_answer_recall(transcripts, coded),
        "advice_marker": advice_marker_curve(transcripts, coded),
    }


CANDIDATE_THRESHOLDS = [round(x, 2) for x in np.arange(0.40, 0.96, 0.05)]
ADVICE_THRESHOLDS = [round(x, 2) for x in np.arange(0.05, 0.56, 0.05)]
MIN_SUPPORT = 20  # claims at a threshold before its precision is trusted


def tune_thresholds(transcripts, coded) -> dict:
    """Per claimable code, the lowest confidence at which such claims hold >= TARGET_PRECISION on these folds."""
    from alliance.feedback.claims import MIN_CONFIDENCE, TARGET_PRECISION, confidence
    from alliance.feedback.verify import gold_value

    out = {}
    for field, value in MIN_CONFIDENCE:
        pairs = []
        for t, codes in zip(transcripts, coded):
            gold = gold_codes(t)
            roles = [u.role for u in t.utterances]
            texts = [u.text for u in t.utterances]
            for i, c in enumerate(codes):
                p = confidence(c, field, value)
                expected = gold_value(field, gold[i], roles, texts, i) if p > 0 else None
                if p > 0 and expected is not None:
                    pairs.append((p, expected == value))
        curve = []
        chosen = None
        for t in CANDIDATE_THRESHOLDS:
            held = [ok for p, ok in pairs if p >= t]
            precision = sum(held) / len(held) if held else None
            curve.append({"min_confidence": t, "claims": len(held), "precision": None if precision is None else round(precision, 3)})
            if chosen is None and precision is not None and len(held) >= MIN_SUPPORT and precision >= TARGET_PRECISION:
                chosen = t
        out[f"{field}={value}"] = {"field": field, "value": value, "min_confidence": chosen, "curve": curve}
    return out


def write_precision_table(cv: dict, tuned: dict) -> Path:
    from alliance.feedback.reliability import MIN_PRECISION, PRECISION_FILE

    kinds = {k: v for k, v in cv["every_kind_asserted"]["claims"].items() if k != "ALL" and "(question)" not in k}
    data = {
        "about": "Claim precision per feedback kind, grouped CV on AnnoMI train (bench/eval_feedback.py --write), "
                 "with each code's confidence threshold tuned on the same folds. "
                 f"A kind is asserted only while its precision is at least {MIN_PRECISION}.",
        "kinds": kinds,
        "thresholds": {k: {key: v[key] for key in ("field", "value", "min_confidence")} for k, v in tuned.items()},
    }
    PRECISION_FILE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return PRECISION_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "eval_feedback")
    parser.add_argument("--write", action="store_true", help="store the CV precision table that gates the kinds")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--skip-cv", action="store_true", help="dev only (quick)")
    args = parser.parse_args()

    from alliance.coding import load_coder
    from alliance.coding.annomi_data import data_dir, read_annomi_csv

    started = time.perf_counter()
    dev = read_annomi_csv(data_dir() / "dev.csv")
    train = read_annomi_csv(data_dir() / "train.csv")
    coder = load_coder()
    results = {"machine": f"{platform.machine()}, Python {platform.python_version()}", "coder": coder.name,
               "artifact_hash": coder.artifact_hash}
    if not args.skip_cv:
        print("Grouped cross-validation on train (coders refit per fold)…", file=sys.stderr)
        oof = refresh_markers(train, cv_codes(train, args.folds, args.cache))
        if args.write:
            from alliance.feedback import reliability

            # Two steps: thresholds per code first, then each kind's precision with them.
            tuned = tune_thresholds(train, oof)
            write_precision_table({"every_kind_asserted": {"claims": {}}}, tuned)
            reliability.reload()
            cv = report("train, grouped CV", train, oof)
            print(f"wrote {write_precision_table(cv, tuned)}", file=sys.stderr)
            reliability.reload()
            cv["shown"] = score_feedback(train, oof, gated=True)
            cv["thresholds"] = tuned
        else:
            cv = report("train, grouped CV", train, oof)
        results["cv"] = cv
    results["dev"] = report("dev", dev, refresh_markers(dev, code_all(dev, coder)))
    results["seconds"] = round(time.perf_counter() - started)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print_summary(results)


def print_summary(results: dict) -> None:
    for key in ("cv", "dev"):
        if key not in results:
            continue
        r = results[key]
        print(f"\n## {r['portion']} ({r['transcripts']} transcripts)")
        for view in ("shown", "every_kind_asserted"):
            s = r[view]
            print(f"\n### feedback {view.replace('_', ' ')}\n")
            print("| kind | claims | held | precision | items | supported | partly | wrong |")
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for kind, c in s["claims"].items():
                i = s["items"].get(kind, {})
                n = c["held"] + c["failed"]
                print(f"| {kind} | {n} | {c['held']} | {c['precision']} | {i.get('all', 0)} | {i.get('supported', 0)} | "
                      f"{i.get('partly', 0)} | {i.get('wrong', 0)} |")
            print(f"\nstrengths per session (statements): {s['strengths_per_session']}")
        print("\n### metrics validity\n")
        print("| metric | sessions | MAE | bias | r | AUC ours | AUC experts |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        agreement = {name: m for name, m in r["metrics_validity"].items() if "agree" in m}
        for name, m in r["metrics_validity"].items():
            if name not in agreement:
                print(f"| {name} | {m['sessions']} | {m['mae']} | {m['bias']} | {m['r']} | {m['auc_ours']} | {m['auc_experts']} |")
        for name, m in agreement.items():
            print(f"\n{name}: {m['agree']} of {m['sessions']} ({m['share']})")
        for field, cal in r["calibration"].items():
            print(f"\ncalibration {field}: ECE {cal['ece']} over {cal['n']}")
            print(" ".join(f"[{row['bin']} n={row['n']} conf={row['confidence']} acc={row['accuracy']}]" for row in cal["table"]))
        print(f"\nshort answers: {r['short_answers']}")
        print("advice marker: " + " ".join(f"{a['threshold']}:P{a['precision']}/R{a['recall']}({a['flagged']})" for a in r["advice_marker"]))
        for name, row in r.get("thresholds", {}).items():
            curve = " ".join(f"{c['min_confidence']}:{c['precision']}({c['claims']})" for c in row["curve"])
            print(f"threshold {name}: {row['min_confidence']}  [{curve}]")
    print(f"\n{results['coder']} {results['artifact_hash'][:12]} · {results['machine']} · {results['seconds']} s")


if __name__ == "__main__":
    main()
