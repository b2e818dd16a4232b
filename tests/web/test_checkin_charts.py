"""The server-rendered SVG chart: readable without colour, with a text alternative, never broken by its labels."""

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance.web.charts import Band, Line, Point, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_every_point_is_labelled_with_its_value_and_the_reference_line_is_dashed_and_named():
    svg = line_chart(
        [Point("3 Mar", 14), Point("31 Mar", 9.5)], title="PHQ-9 over time", y_min=0, y_max=27,
        lines=[Line(10, "Caseness (10)")], bands=[Band(8, 20, "No reliable change")],
    )
    tree = ElementTree.fromstring(svg)
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert "14" in texts and "9.5" in texts and "Caseness (10)" in texts and "No reliable change" in texts
    assert tree.find(f"{SVG}title").text == "PHQ-9 over time"
    assert tree.find(f"{SVG}desc").text.startswith("Values: 3 Mar: 14; 31 Mar: 9.5.")
    assert any(line.get("stroke-dasharray") for line in tree.iter(f"{SVG}line"))
    assert tree.find(f".//{SVG}pattern") is not None  # the band is hatched, not only coloured
    assert tree.get("role") == "img" and tree.get("aria-labelledby")


def test_no_inline_style_so_the_content_security_policy_needs_no_exception():
    svg = line_chart([Point("a", 1)], title="t", y_min=0, y_max=4)
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg


def test_two_charts_on_one_page_do_not_share_ids():
    ids = [re.findall(r'id="([^"]+)"', line_chart([Point("a", 1)], title="t", y_min=0, y_max=4)) for _ in range(2)]
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
    tree = ElementTree.fromstring(line_chart(points, title=clean(title), y_min=0, y_max=27))
    assert len(list(tree.iter(f"{SVG}circle"))) == len(points)
