"""Small, accessible line charts drawn on the server as SVG (no scripts, nothing inline to allow in the CSP).

Readable without colour: every point carries its value as text where there is room (the page's
table has them all), reference lines are dashed and labelled, bands are hatched and labelled,
and the SVG has a <title> and <desc>. Pages should also show the numbers as a table (``Point``
keeps what a table needs).

Readable at any width: each chart is drawn twice, a wide layout and a narrow one for phones,
and the page's CSS shows the one that fits its box (a container query in app.css), so text is
never drawn smaller than about 11 px. Labels are fitted, not hoped for: axis labels are thinned
until they cannot touch, reference-line labels wrap inside their margin, and a value beyond the
scale sits on the edge marked with an arrow instead of stretching the scale.

    chart = line_chart(
        [Point("3 Mar", 14), Point("31 Mar", 9)],
        title="PHQ-9 over time", y_min=0, y_max=27,
        lines=[Line(10, "Caseness (10)")], bands=[Band(8, 20, "No reliable change")],
    )
    # {{ chart }} in a template: it is already marked safe.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

INK, MUTED, BRAND, BAND_INK = "#1d2430", "#4a5568", "#1f5f8b", "#8a4b00"
CHAR_WIDTH = 0.6  # an average character is at most this many times the font size wide (system sans-serif)


@dataclass(frozen=True)
class Point:
    label: str  # shown under the axis, e.g. a date
    value: float


@dataclass(frozen=True)
class Line:
    """A dashed reference line across the chart, such as a caseness cut-off."""

    value: float
    label: str


@dataclass(frozen=True)
class Band:
    """A hatched horizontal band, such as the range a change must leave to be reliable."""

    low: float
    high: float
    label: str


@dataclass(frozen=True)
class Layout:
    name: str
    width: int
    plot_h: int
    left: int
    right: int  # the wide layout keeps reference-line labels in this margin, clear of the points
    top: int
    font: int
    labels_inside: bool  # the narrow layout writes reference-line labels inside the plot, above their line


# Fonts are in SVG units; the smallest text (labels of lines and bands) is one unit below ``font``. The wide chart
# is shown in boxes at least 33rem wide (561 px at 17 px a rem), where 13 units are at least 11.4 px; the narrow
# one below that, down to a 240 px box (a chart in a card on a 320 px phone), where 14 units are 11.2 px.
WIDE = Layout("wide", 640, 200, 48, 140, 20, 14, False)
NARROW = Layout("narrow", 300, 170, 38, 12, 26, 15, True)

# Kept for code that sized things by the old single layout.
WIDTH, HEIGHT = WIDE.width, WIDE.top + WIDE.plot_h + 44


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    y_min: float,
    y_max: float,
    description: str = "",
    lines: Sequence[Line] = (),
    bands: Sequence[Band] = (),
    y_label: str = "",
) -> SafeString:
    """One series of points, evenly spaced left to right: a wide and a narrow SVG in one ``div.chart-box``."""
    if y_max <= y_min:
        raise ValueError("y_max must be above y_min")
    desc = description or _describe(points, lines, bands, y_min, y_max)
    spec = (points, title, desc, y_min, y_max, lines, bands, y_label)
    return mark_safe(f'<div class="chart-box">{_svg(WIDE, *spec)}{_svg(NARROW, *spec)}</div>')


def text_width(text: str, font: float) -> float:
    return len(text) * font * CHAR_WIDTH


def wrap(text: str, width: float, font: float) -> list[str]:
    """Words into lines no wider than ``width``; a single word longer than that is cut with an ellipsis."""
    most = max(4, int(width // (font * CHAR_WIDTH)))
    out: list[str] = []
    for word in text.split():
        if len(word) > most:
            word = word[: most - 1] + "…"
        if out and len(out[-1]) + 1 + len(word) <= most:
            out[-1] += " " + word
        else:
            out.append(word)
    return out or [""]


def label_indexes(labels: Sequence[str], spacing: float, font: float, gap: float = 8) -> list[int]:
    """Which points get an axis label, so that no two labels can touch: every k-th, the last always."""
    n = len(labels)
    if n == 0:
        return []
    widest = max(text_width(label, font) for label in labels)
    step = 1 if spacing <= 0 else max(1, math.ceil((widest + gap) / spacing))
    if n == 1:
        return [0]
    chosen = list(range(0, n, step))
    if chosen[-1] != n - 1:
        if (n - 1) - chosen[-1] < step and len(chosen) > 1:
            chosen.pop()  # too close to the last one, which matters more
        chosen.append(n - 1)
    return chosen


def _svg(layout: Layout, points, title, desc, y_min, y_max, lines, bands, y_label) -> str:
    uid = uuid.uuid4().hex[:8]
    f = layout.font
    plot_w = layout.width - layout.left - layout.right
    plot_h, top, left = layout.plot_h, layout.top, layout.left
    y_lines = wrap(y_label, layout.width - 8, f - 1) if y_label else []
    height = top + plot_h + f + 14 + len(y_lines) * (f + 2) + 4

    def y(value: float) -> float:
        clamped = min(max(value, y_min), y_max)
        return round(top + plot_h * (1 - (clamped - y_min) / (y_max - y_min)), 1)

    pad = 14
    spacing = 0 if len(points) < 2 else (plot_w - 2 * pad) / (len(points) - 1)

    def x(index: int) -> float:
        if len(points) == 1:
            return round(left + plot_w / 2, 1)
        return round(left + pad + spacing * index, 1)

    out = [
        f'<svg class="chart{"" if layout is WIDE else "-narrow"}" data-layout="{layout.name}" '
        f'viewBox="0 0 {layout.width} {height}" role="img" aria-labelledby="t{uid} d{uid}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">',
        f'<title id="t{uid}">{escape(title)}</title><desc id="d{uid}">{escape(desc)}</desc>',
        f'<defs><pattern id="h{uid}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{BAND_INK}" stroke-width="2" stroke-opacity="0.35"/></pattern></defs>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#ffffff" stroke="{MUTED}" stroke-width="1"/>',
    ]
    for tick in _ticks(y_min, y_max, max_ticks=6 if plot_h >= 180 else 4):
        out.append(
            f'<line x1="{left - 4}" y1="{y(tick)}" x2="{left}" y2="{y(tick)}" stroke="{MUTED}"/>'
            f'<text x="{left - 6}" y="{y(tick) + f * 0.35:.1f}" font-size="{f}" text-anchor="end" fill="{MUTED}">{tick:g}</text>'
        )
    for band in bands:
        b_top, b_bottom = y(max(band.low, band.high)), y(min(band.low, band.high))
        out.append(
            f'<rect x="{left}" y="{b_top}" width="{plot_w}" height="{round(b_bottom - b_top, 1)}" fill="url(#h{uid})" '
            f'stroke="{BAND_INK}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
    shown = set(label_indexes([p.label for p in points], spacing, f))
    value_font = f
    widest_value = max((text_width(_value_text(p.value, y_min, y_max), value_font) for p in points), default=0)
    all_values = len(points) < 2 or spacing >= widest_value + 4
    # What the points and their numbers cover, so labels written inside the plot can keep clear of them.
    obstacles = []
    for i, point in enumerate(points):
        px, py = x(i), y(point.value)
        obstacles.append((px - 6, py - 6, px + 6, py + 6))
        if all_values or i in shown or not y_min <= point.value <= y_max:
            w = text_width(_value_text(point.value, y_min, y_max), value_font)
            obstacles.append((px - w / 2, py - 9 - value_font, px + w / 2, py - 9))
    for i in range(len(points) - 1):  # the line between points, as small boxes along it
        (x1, y1), (x2, y2) = (x(i), y(points[i].value)), (x(i + 1), y(points[i + 1].value))
        for step in range(1, 12):
            cx, cy = x1 + (x2 - x1) * step / 12, y1 + (y2 - y1) * step / 12
            obstacles.append((cx - 2, cy - 2, cx + 2, cy + 2))
    rules, rule_labels = _reference_lines(layout, lines, y, plot_w, obstacles)
    for band in bands:  # in the corner of the band that covers least of the series, over it with a halo
        rows = wrap(band.label, plot_w - 12, f - 1)
        b_top, b_bottom = y(max(band.low, band.high)), y(min(band.low, band.high))
        rule_labels.append(_band_label(rows, b_top, b_bottom, left, plot_w, f - 1, obstacles))
    out += rules
    if len(points) > 1:
        path = " ".join(f"{x(i)},{y(p.value)}" for i, p in enumerate(points))
        out.append(f'<polyline points="{path}" fill="none" stroke="{BRAND}" stroke-width="2.5"/>')
    out += rule_labels  # over the series' line (with a white halo), under the points
    for i, point in enumerate(points):
        px, py = x(i), y(point.value)
        beyond = point.value > y_max or point.value < y_min
        if beyond:  # on the edge, pointing the way the value lies
            tip = py - 7 if point.value > y_max else py + 7
            out.append(
                f'<polygon points="{px - 6},{py} {px + 6},{py} {px},{tip}" fill="{BRAND}" stroke="#ffffff" stroke-width="1"/>'
                f'<circle cx="{px}" cy="{py}" r="3" fill="{BRAND}"/>'
            )
        else:
            out.append(f'<circle cx="{px}" cy="{py}" r="4.5" fill="{BRAND}" stroke="#ffffff" stroke-width="1.5"/>')
        if all_values or i in shown or beyond:
            below = point.value < y_min or py - 9 - value_font < 2
            ty = py + value_font + 8 if below else py - 9
            out.append(
                f'<text x="{_clamp_x(px, _value_text(point.value, y_min, y_max), value_font, layout.width)}" y="{ty:.1f}" '
                f'font-size="{value_font}" font-weight="600" text-anchor="middle" fill="{INK}" stroke="#ffffff" '
                f'stroke-width="3" paint-order="stroke">{escape(_value_text(point.value, y_min, y_max))}</text>'
            )
        if i in shown:
            out.append(
                f'<text x="{_clamp_x(px, point.label, f, layout.width)}" y="{top + plot_h + f + 5}" font-size="{f}" '
                f'text-anchor="middle" fill="{MUTED}">{escape(point.label)}</text>'
            )
    if y_lines:
        out.append(_text_block(y_lines, 4, top + plot_h + 2 * f + 12, f - 1, MUTED))
    out.append("</svg>")
    return "".join(out)


def _overlap(a: tuple, b: tuple) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _inside_label(rows: list[str], ly: float, left: float, plot_w: float, font: float, obstacles: list) -> tuple:
    """Where a reference line's label sits inside the plot: right or left end, above or below the line,
    whichever covers the least of the points, their numbers and the labels already placed."""
    width = max(text_width(row, font) for row in rows)
    height = len(rows) * (font + 1)
    best = None
    for anchor in ("end", "start"):
        x0 = left + plot_w - 4 - width if anchor == "end" else left + 4
        for above in (True, False):
            top = ly - 4 - height if above else ly + 4
            box = (x0, top, x0 + width, top + height)
            cost = sum(_overlap(box, other) for other in obstacles)
            if best is None or cost < best[0]:
                best = (cost, anchor, top, box)
    _, anchor, top, box = best
    obstacles.append(box)
    return (left + plot_w - 4 if anchor == "end" else left + 4), anchor, top + font


def _band_label(rows: list[str], b_top: float, b_bottom: float, left: float, plot_w: float, font: float,
                obstacles: list) -> str:
    width = max(text_width(row, font) for row in rows)
    height = len(rows) * (font + 1)
    best = None
    for anchor in ("start", "end"):
        x0 = left + 6 if anchor == "start" else left + plot_w - 6 - width
        for top in (b_top + 3, max(b_top + 3, b_bottom - 3 - height)):
            box = (x0, top, x0 + width, top + height)
            cost = sum(_overlap(box, other) for other in obstacles)
            if best is None or cost < best[0]:
                best = (cost, anchor, top, box)
    _, anchor, top, box = best
    obstacles.append(box)
    x = left + 6 if anchor == "start" else left + plot_w - 6
    return _text_block(rows, x, top + font, font, BAND_INK, anchor=anchor, halo=True)


def _reference_lines(layout: Layout, lines: Sequence[Line], y, plot_w: float, obstacles: list | None = None) -> tuple:
    """(the dashed lines, their labels) as two lists of SVG, so the labels can be drawn over the series."""
    f = layout.font
    left = layout.left
    obstacles = list(obstacles or [])
    out, labels = [], []
    placed: list[tuple[float, float]] = []  # (top, bottom) of labels already written, so none overlap
    for line in sorted(lines, key=lambda item: y(item.value)):
        ly = y(line.value)
        out.append(
            f'<line x1="{left}" y1="{ly}" x2="{left + plot_w}" y2="{ly}" stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        if layout.labels_inside:
            rows = wrap(line.label, plot_w - 8, f - 1)
            anchor_x, anchor, first = _inside_label(rows, ly, left, plot_w, f - 1, obstacles)
            labels.append(_text_block(rows, anchor_x, first, f - 1, INK, anchor=anchor, halo=True))
            continue
        rows = wrap(line.label, layout.right - 8, f - 1)
        first = ly + f * 0.35 - (len(rows) - 1) * f / 2
        anchor_x, anchor = left + plot_w + 6, "start"
        block_top = first - f
        for other_top, other_bottom in placed:
            if block_top < other_bottom + 2 and block_top + len(rows) * f > other_top:
                first += other_bottom + 2 - block_top
                block_top = first - f
        placed.append((block_top, block_top + len(rows) * f))
        labels.append(_text_block(rows, anchor_x, first, f - 1, INK, anchor=anchor))
    return out, labels


def _text_block(rows: list[str], x: float, first_baseline: float, font: float, fill: str, *, anchor: str = "start",
                halo: bool = False) -> str:
    extra = ' stroke="#ffffff" stroke-width="3" paint-order="stroke"' if halo else ""
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if n == 0 else font + 1}">{escape(row)}</tspan>' for n, row in enumerate(rows)
    )
    return f'<text x="{x}" y="{first_baseline:.1f}" font-size="{font}" text-anchor="{anchor}" fill="{fill}"{extra}>{spans}</text>'


def _clamp_x(center: float, text: str, font: float, width: float) -> float:
    half = text_width(text, font) / 2
    return round(min(max(center, half + 2), width - half - 2), 1)


def _value_text(value: float, low: float, high: float) -> str:
    if value > high:
        return f"{value:g} ↑"
    if value < low:
        return f"{value:g} ↓"
    return f"{value:g}"


def _ticks(low: float, high: float, max_ticks: int = 6) -> list[float]:
    span = high - low
    step = next((s for s in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500) if span / s <= max_ticks), span)
    first = (low // step) * step
    ticks, value = [], first
    while value <= high + 1e-9:
        if value >= low - 1e-9:
            ticks.append(round(value, 2))
        value += step
    return ticks


def _describe(points: Sequence[Point], lines: Sequence[Line], bands: Sequence[Band], low: float = -math.inf,
              high: float = math.inf) -> str:
    if not points:
        return "No values yet."
    parts = ["Values: " + "; ".join(f"{p.label}: {p.value:g}" for p in points) + "."]
    beyond = [p for p in points if p.value > high or p.value < low]
    if beyond:
        parts.append(f"{len(beyond)} value{'s' if len(beyond) != 1 else ''} beyond the scale of {low:g} to {high:g}, "
                     "drawn on its edge with an arrow.")
    parts += [f"Dashed line: {line.label}." for line in lines]
    parts += [f"Hatched band from {b.low:g} to {b.high:g}: {b.label}." for b in bands]
    return " ".join(parts)
