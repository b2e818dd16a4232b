"""The server-rendered SVG chart: readable without colour, with a text alternative, never broken by its labels."""

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance.web.charts import (
    NARROW,
    WIDE,
    Band,
    Line,
    Point,
    label_indexes,
    line_chart,
    text_width,
    wrap,
)

SVG = "{http://www.w3.org/2000/svg}"


def drawings(chart) -> dict:
    """{"wide": <svg>, "narrow": <svg>} from the chart's box."""
    box = ElementTree.fromstring(chart)
    assert box.tag == "div" and box.get("class") == "chart-box"
    return {svg.get("data-layout"): svg for svg in box.iter(f"{SVG}svg")}


def texts(svg) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


def test_every_point_is_labelled_with_its_value_and_the_reference_line_is_dashed_and_named():
    chart = line_chart(
        [Point("3 Mar", 14), Point("31 Mar", 9.5)], title="PHQ-9 over time", y_min=0, y_max=27,
        lines=[Line(10, "Caseness (10)")], bands=[Band(8, 20, "No reliable change")],
    )
    for svg in drawings(chart).values():
        found = texts(svg)
        assert "14" in found and "9.5" in found and "Caseness (10)" in found and "No reliable change" in found
        assert svg.find(f"{SVG}title").text == "PHQ-9 over time"
        assert svg.find(f"{SVG}desc").text.startswith("Values: 3 Mar: 14; 31 Mar: 9.5.")
        assert any(line.get("stroke-dasharray") for line in svg.iter(f"{SVG}line"))
        assert svg.find(f".//{SVG}pattern") is not None  # the band is hatched, not only coloured
        assert svg.get("role") == "img" and svg.get("aria-labelledby")


def test_no_inline_style_so_the_content_security_policy_needs_no_exception():
    svg = line_chart([Point("a", 1)], title="t", y_min=0, y_max=4)
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg


def test_two_charts_on_one_page_do_not_share_ids():
    ids = [re.findall(r'id="([^"]+)"', line_chart([Point("a", 1)], title="t", y_min=0, y_max=4)) for _ in range(2)]
    assert len(set(ids[0])) == len(ids[0])  # nor do the two drawings of one chart
    assert not set(ids[0]) & set(ids[1])


def test_an_empty_range_is_refused():
    with pytest.raises(ValueError):
        line_chart([], title="t", y_min=4, y_max=4)


@given(
    labels=st.lists(st.text(max_size=12), max_size=30),
    title=st.text(max_size=40),
    values=st.lists(st.floats(min_value=-50, max_value=80, allow_nan=False), min_size=30, max_size=30),
)
def test_any_labels_and_values_give_well_formed_svg(labels, title, values):
    points = [Point(label, round(v, 2)) for label, v in zip(labels, values)]
    clean = lambda s: "".join(ch for ch in s if ch in "\t\n\r" or ord(ch) >= 32 and not 0xD800 <= ord(ch) <= 0xDFFF and ord(ch) not in (0xFFFE, 0xFFFF))  # noqa: E731
    points = [Point(clean(p.label), p.value) for p in points]
    for svg in drawings(line_chart(points, title=clean(title), y_min=0, y_max=27)).values():
        assert len(list(svg.iter(f"{SVG}circle"))) == len(points)


def _axis_labels(svg, layout) -> list[tuple[float, str]]:
    """(x, text) of the labels under the plot."""
    base = layout.top + layout.plot_h + layout.font + 5
    return [(float(t.get("x")), t.text) for t in svg.iter(f"{SVG}text") if t.get("y") == str(base) and t.text]


@pytest.mark.parametrize("count", [2, 5, 9, 14, 21, 40])
def test_axis_labels_never_touch_whatever_the_number_of_points(count):
    points = [Point(f"{d % 28 + 1} Nov", d % 5) for d in range(count)]
    chart = drawings(line_chart(points, title="t", y_min=0, y_max=4))
    for name, layout in (("wide", WIDE), ("narrow", NARROW)):
        labels = _axis_labels(chart[name], layout)
        assert labels[0][1] == "1 Nov" and labels[-1][1] == points[-1].label  # the first and the latest always
        for (x1, a), (x2, b) in zip(labels, labels[1:]):
            assert x2 - x1 >= (text_width(a, layout.font) + text_width(b, layout.font)) / 2 + 4, (name, a, b)
        for x, label in labels:  # nothing hangs off either edge
            assert x - text_width(label, layout.font) / 2 >= 0 and x + text_width(label, layout.font) / 2 <= layout.width


def test_a_long_reference_line_label_wraps_inside_the_chart_instead_of_being_cut():
    chart = drawings(line_chart([Point("1 Nov", 40), Point("2 Nov", 60)], title="t", y_min=20, y_max=80,
                                lines=[Line(50, "50: where we expected to be")]))
    for name, layout in (("wide", WIDE), ("narrow", NARROW)):
        svg = chart[name]
        label = next(t for t in svg.iter(f"{SVG}text") if "".join(t.itertext()).startswith("50: where"))
        rows = [span.text for span in label]
        assert " ".join(rows) == "50: where we expected to be"
        font = float(label.get("font-size"))
        x = float(label.get("x"))
        for row in rows:
            right = x + text_width(row, font) if label.get("text-anchor") == "start" else x
            assert right <= layout.width, (name, row)


def test_a_value_far_above_the_scale_sits_on_the_edge_with_an_arrow_and_keeps_the_scale():
    chart = line_chart([Point("1 Nov", 0.8), Point("8 Nov", 12)], title="R:Q", y_min=0, y_max=4,
                       lines=[Line(1, "MITI fair (1)"), Line(2, "MITI good (2)")])
    for svg in drawings(chart).values():
        assert "12 ↑" in texts(svg)
        assert svg.find(f"{SVG}polygon") is not None
        assert "1 value beyond the scale of 0 to 4" in svg.find(f"{SVG}desc").text


def test_label_indexes_keep_the_last_and_drop_a_neighbour_too_close_to_it():
    assert label_indexes(["ab"] * 10, spacing=10, font=10, gap=4) == [0, 2, 4, 6, 9]
    assert label_indexes(["21 Nov", "28 Nov"], spacing=200, font=11) == [0, 1]


def test_wrap_breaks_on_words_and_cuts_only_a_word_longer_than_the_line():
    assert wrap("50: where we expected to be", 100, 10) == ["50: where we", "expected to be"]
    assert wrap("Supercalifragilistic", 60, 10) == ["Supercali…"]
