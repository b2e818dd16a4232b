"""``Analysis.to_html()``: one self-contained, accessible page (no external assets, no scripts).

Every code is printed as words; colour only repeats what the words say. Feedback links
to the turns it quotes (``#turn-N``), and the page prints cleanly.
"""

from __future__ import annotations

from html import escape

from alliance.coding.codes import is_unsure
from alliance.report.labels import (
    clock,
    code_labels,
    feedback_groups,
    has_times,
    heading,
    intro_notes,
    metric_notes,
    metric_rows,
    miti_rows,
)

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
h1,h2{line-height:1.2}h2{margin-top:2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}caption{text-align:left;font-weight:600;padding:.3rem 0}
.note{background:#f7f7f7;border-left:4px solid #555;padding:.5rem .8rem}
.code{display:inline-block;border:1px solid #555;border-radius:3px;padding:0 .3rem;margin:0 .2rem .2rem 0;font-size:.9em}
.practitioner td:first-child{border-left:4px solid #2b5797}.client td:first-child{border-left:4px solid #7a4f01}
tr:target{outline:3px solid #1a1a1a}a{color:#0645ad}
@media print{a{color:inherit}}
"""


def render_html(analysis) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Session analysis</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>Session analysis</h1>",
        f"<p>{escape(heading(analysis))}</p>",
    ]
    parts += [f'<p class="note">{escape(note)}</p>' for note in intro_notes(analysis)]
    parts += _feedback(analysis)
    parts += _metrics(analysis)
    parts += _journal(analysis)
    parts += _transcript(analysis)
    parts.append(_pipeline(analysis.pipeline))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _links(indexes: list[int]) -> str:
    return ", ".join(f'<a href="#turn-{i + 1}">turn {i + 1}</a>' for i in indexes)


def _feedback(analysis) -> list[str]:
    out = ['<section aria-labelledby="feedback"><h2 id="feedback">Feedback</h2>']
    for title, items in feedback_groups(analysis.feedback):
        out.append(f"<h3>{title}</h3><ul>")
        out += [f"<li>{escape(o.message)} <span>(see {_links(o.evidence)})</span></li>" for o in items]
        out.append("</ul>")
    if not analysis.feedback:
        out.append("<p>Nothing in the codes stood out either way in this session.</p>")
    out.append("</section>")
    return out


def _metrics(analysis) -> list[str]:
    out = ['<section aria-labelledby="metrics"><h2 id="metrics">Metrics</h2>',
           '<table><caption>Counts and ratios for this session</caption>',
           '<thead><tr><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Note</th></tr></thead><tbody>']
    out += [f'<tr><th scope="row">{escape(label)}</th><td>{escape(value)}</td><td>{escape(note)}</td></tr>'
            for label, value, note in metric_rows(analysis.metrics)]
    out.append("</tbody></table>")
    ctx = analysis.miti_context
    out += [f"<table><caption>{escape(ctx.source)} summary scores, for context</caption>",
            '<thead><tr><th scope="col">Summary</th><th scope="col">This session</th><th scope="col">Fair</th>'
            '<th scope="col">Good</th><th scope="col">Where this session sits</th></tr></thead><tbody>']
    for label, *cells in miti_rows(ctx):
        out.append(f'<tr><th scope="row">{escape(label)}</th>' + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    out += ["</tbody></table>", f'<p class="note">{escape(ctx.caveat)} {escape(ctx.questions_note)}</p>']
    out += [f'<p class="note">{escape(line)}</p>' for line in metric_notes(ctx)] + ["</section>"]
    return out


def _journal(analysis) -> list[str]:
    out = ['<section aria-labelledby="journal"><h2 id="journal">For your journal</h2><ul>']
    for p in analysis.journal_prompts:
        see = f" (see {_links(p.evidence)})" if p.evidence else ""
        out.append(f"<li><strong>{escape(p.prompt)}</strong> {escape(p.hint)}{see}</li>")
    out += ["</ul></section>"]
    return out


def _transcript(analysis) -> list[str]:
    timed = has_times(analysis.transcript)
    time_head = '<th scope="col">Time</th>' if timed else ""
    out = ['<section aria-labelledby="transcript"><h2 id="transcript">Transcript</h2>',
           "<table><caption>Each turn with its codes</caption>",
           f'<thead><tr><th scope="col">Turn</th>{time_head}<th scope="col">Speaker</th>'
           '<th scope="col">Codes</th><th scope="col">What was said</th></tr></thead><tbody>']
    for u, c in zip(analysis.transcript.utterances, analysis.codes):
        labels = "".join(f'<span class="code">{escape(label)}</span>' for label in code_labels(c)) or "—"
        if is_unsure(c.confidence) and labels != "—":
            labels += ' <span class="unsure">(unsure)</span>'
        time_cell = f"<td>{clock(u.start)}</td>" if timed else ""
        out.append(
            f'<tr id="turn-{u.index + 1}" class="{escape(u.role)}"><td>{u.index + 1}</td>{time_cell}'
            f"<td>{escape(u.speaker)} ({escape(u.role)})</td><td>{labels}</td><td>{escape(u.text)}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return out


def _pipeline(pipeline: dict) -> str:
    stages = ", ".join(escape(s["name"]) for s in pipeline.get("stages", []))
    model = pipeline.get("model") or {}
    return (f"<footer><p><small>Alliance {escape(str(pipeline.get('alliance_version', '')))}; stages: {stages}; "
            f"model: {escape(str(model.get('name')))} ({escape(str(model.get('artifact_hash') or 'none'))}).</small></p></footer>")
