"""Small, accessible line charts drawn on the server as SVG (no scripts, nothing inline to allow in the CSP).

Readable without colour: every point carries its value as text, reference lines are dashed and
labelled, bands are hatched and labelled, and the SVG has a <title> and <desc>. Pages should also
show the numbers as a table (``Point`` keeps what a table needs).

    chart = line_chart(
        [Point("3 Mar", 14), Point("31 Mar", 9)],
        title="PHQ-9 over time", y_min=0, y_max=27,
        lines=[Line(10, "Caseness (10)")], bands=[Band(8, 20, "No reliable change")],
    )
    # {{ chart }} in a template: it is already marked safe.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 124, 18, 44  # reference-line labels sit in the right margin, clear of the points
INK, MUTED, BRAND, BAND_INK = "#1d2430", "#4a5568", "#1f5f8b", "#8a4b00"


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
    """One series of points, evenly spaced left to right, as an SVG string."""
    if y_max <= y_min:
        raise ValueError("y_max must be above y_min")
    uid = uuid.uuid4().hex[:8]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        clamped = min(max(value, y_min), y_max)
        return round(TOP + plot_h * (1 - (clamped - y_min) / (y_max - y_min)), 1)

    def x(index: int) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return round(LEFT + 12 + (plot_w - 24) * index / (len(points) - 1), 1)

    desc = description or _describe(points, lines, bands)
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="t{uid} d{uid}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">',
        f'<title id="t{uid}">{escape(title)}</title><desc id="d{uid}">{escape(desc)}</desc>',
        f'<defs><pattern id="h{uid}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{BAND_INK}" stroke-width="2" stroke-opacity="0.35"/></pattern></defs>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#ffffff" stroke="{MUTED}" stroke-width="1"/>',
    ]
    for tick in _ticks(y_min, y_max):
        out.append(
            f'<line x1="{LEFT - 4}" y1="{y(tick)}" x2="{LEFT}" y2="{y(tick)}" stroke="{MUTED}"/>'
            f'<text x="{LEFT - 7}" y="{y(tick) + 4}" font-size="11" text-anchor="end" fill="{MUTED}">{tick:g}</text>'
        )
    for band in bands:
        top, bottom = y(max(band.low, band.high)), y(min(band.low, band.high))
        out.append(
            f'<rect x="{LEFT}" y="{top}" width="{plot_w}" height="{round(bottom - top, 1)}" fill="url(#h{uid})" '
            f'stroke="{BAND_INK}" stroke-width="1" stroke-dasharray="2 3"/>'
            f'<text x="{LEFT + 6}" y="{top + 13}" font-size="11" fill="{BAND_INK}">{escape(band.label)}</text>'
        )
    for line in lines:
        out.append(
            f'<line x1="{LEFT}" y1="{y(line.value)}" x2="{LEFT + plot_w}" y2="{y(line.value)}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>'
            f'<text x="{LEFT + plot_w + 6}" y="{y(line.value) + 4}" font-size="11" fill="{INK}">'
            f"{escape(line.label)}</text>"
        )
    if len(points) > 1:
        path = " ".join(f"{x(i)},{y(p.value)}" for i, p in enumerate(points))
        out.append(f'<polyline points="{path}" fill="none" stroke="{BRAND}" stroke-width="2.5"/>')
    every = max(1, -(-len(points) // 8))  # at most about eight axis labels
    for i, point in enumerate(points):
        out.append(
            f'<circle cx="{x(i)}" cy="{y(point.value)}" r="4.5" fill="{BRAND}" stroke="#ffffff" stroke-width="1.5"/>'
            f'<text x="{x(i)}" y="{y(point.value) - 9}" font-size="12" font-weight="600" text-anchor="middle" '
            f'fill="{INK}">{point.value:g}</text>'
        )
        if i % every == 0 or i == len(points) - 1:
            out.append(
                f'<text x="{x(i)}" y="{TOP + plot_h + 16}" font-size="11" text-anchor="middle" fill="{MUTED}">'
                f"{escape(point.label)}</text>"
            )
    if y_label:
        out.append(
            f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="11" fill="{MUTED}">{escape(y_label)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 50, 100) if span / s <= 6)
    first = (low // step) * step
    ticks, value = [], first
    while value <= high + 1e-9:
        if value >= low - 1e-9:
            ticks.append(round(value, 2))
        value += step
    return ticks


def _describe(points: Sequence[Point], lines: Sequence[Line], bands: Sequence[Band]) -> str:
    if not points:
        return "No values yet."
    parts = ["Values: " + "; ".join(f"{p.label}: {p.value:g}" for p in points) + "."]
    parts += [f"Dashed line: {line.label}." for line in lines]
    parts += [f"Hatched band from {b.low:g} to {b.high:g}: {b.label}." for b in bands]
    return " ".join(parts)
