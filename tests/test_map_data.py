"""The committed map data (theme/map/europe.json) and the macro that draws it (_map.html).

No network and no node: the data is read as committed; the projection comes from
scripts/europe-map/make_map.py, which imports nothing outside the standard library.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

ROOT = Path(__file__).resolve().parents[1]
MAP_JSON = ROOT / "theme" / "map" / "europe.json"
SCRIPT = ROOT / "scripts" / "europe-map" / "make_map.py"
SCHEMA = ROOT / "schema" / "practice.schema.json"
TINY_STATES = ["AD", "LI", "LU", "MC", "MT", "SM"]
MAX_GZIP = 60_000

DATA = json.loads(MAP_JSON.read_text(encoding="utf-8"))
COUNTRIES = DATA["countries"]
CATALOGUE = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]["country"]["enum"]
_, _, WIDTH, HEIGHT = (int(n) for n in DATA["viewBox"].split())


def load_script():
    spec = importlib.util.spec_from_file_location("make_map", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- SVG path data: a small reader for the commands the map uses ----
TOKEN = re.compile(r"\s*,?\s*([MmLlHhVvZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
ARGUMENTS = {"m": 2, "l": 2, "h": 1, "v": 1, "z": 0}


def tokens(d: str) -> list[str]:
    """Split path data; fail on anything that is not a known command or a number."""
    found, position = [], 0
    while position < len(d.rstrip()):
        match = TOKEN.match(d, position)
        assert match, f"not path data at {position}: {d[position : position + 20]!r}"
        found.append(match[1])
        position = match.end()
    return found


def rings(d: str) -> list[list[tuple[float, float]]]:
    """The absolute points of each subpath, following SVG's rules for relative commands."""
    parsed, command, x, y, start = [], None, 0.0, 0.0, (0.0, 0.0)
    stream = tokens(d)
    while stream:
        if stream[0].isalpha():
            command = stream.pop(0)
        assert command, "path data must start with a command"
        lower = command.lower()
        values = [float(stream.pop(0)) for _ in range(ARGUMENTS[lower])]
        x, y = moved(lower, command.islower(), values, (x, y))
        if lower == "m":
            parsed.append([(x, y)])
            start, command = (x, y), ("l" if command == "m" else "L")
        elif lower == "z":
            x, y = start
            command = None
        else:
            parsed[-1].append((x, y))
    return parsed


def moved(lower: str, relative: bool, values: list[float], at: tuple[float, float]):
    x, y = at
    dx, dy = (x, y) if relative else (0.0, 0.0)
    if lower in "ml":
        return dx + values[0], dy + values[1]
    if lower == "h":
        return dx + values[0], y
    return (x, dy + values[0]) if lower == "v" else (x, y)


def inside(point: tuple[float, float], polygon: list[list[tuple[float, float]]]) -> bool:
    """Even-odd rule over all the rings, as the map's CSS fills them."""
    px, py = point
    crossings = 0
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > py) != (y1 > py) and px < x0 + (py - y0) * (x1 - x0) / (y1 - y0):
                crossings += 1
    return crossings % 2 == 1


def bounding_box(polygon):
    points = [p for ring in polygon for p in ring]
    return (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )


# ---- The data ----
def test_metadata_names_source_licence_and_projection():
    assert DATA["projection"] == "EPSG:3035"
    assert DATA["licence"] == "public domain (Natural Earth)"
    assert "Natural Earth" in DATA["source"]["data"]
    assert re.fullmatch(
        r"world-atlas \d+\.\d+\.\d+ \(countries-50m\.json\)", DATA["source"]["package"]
    )
    assert DATA["source"]["data_url"].startswith("https://")
    assert re.fullmatch(r"0 0 \d+ \d+", DATA["viewBox"])


def test_world_atlas_is_pinned_to_the_version_the_data_names():
    package = json.loads((SCRIPT.parent / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((SCRIPT.parent / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["dependencies"]["world-atlas"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pin an exact version"
    assert lock["packages"]["node_modules/world-atlas"]["version"] == pinned
    assert DATA["source"]["package"].startswith(f"world-atlas {pinned} ")


def test_file_is_written_canonically():
    """Sorted keys and a fixed layout: the script's two runs give the same bytes."""
    text = MAP_JSON.read_text(encoding="utf-8")
    assert text == json.dumps(DATA, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    numbers = re.findall(r"-?\d+\.\d+", text.split('"countries"')[1].split('"frame"')[0])
    assert numbers == [], "paths and points are integers"


def test_every_catalogue_country_has_a_path_and_no_neighbour_is_linked_by_mistake():
    assert [code for code in CATALOGUE if not COUNTRIES.get(code, {}).get("d")] == []
    assert [code for code in CATALOGUE if COUNTRIES[code].get("context")] == []
    context = {code for code, country in COUNTRIES.items() if country.get("context")}
    assert context.isdisjoint(CATALOGUE)
    assert set(COUNTRIES) == set(CATALOGUE) | context
    assert {"RU", "BY", "TR"} <= context


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_path_parses_and_lies_inside_the_view_box(code):
    polygon = rings(COUNTRIES[code]["d"])
    assert polygon and all(polygon)
    left, top, right, bottom = bounding_box(polygon)
    assert 0 <= left <= right <= WIDTH
    assert 0 <= top <= bottom <= HEIGHT


def test_reader_understands_all_commands_it_claims():
    assert rings("M10 10h5v5H10V12l-1 -1z m1,1 L3 4Z") == [
        [(10, 10), (15, 10), (15, 15), (10, 15), (10, 12), (9, 11)],
        [(11, 11), (3, 4)],
    ]
    with pytest.raises(AssertionError):
        tokens("M1 1 C2 2 3 3 4 4")


@pytest.mark.parametrize("code", TINY_STATES)
def test_tiny_states_have_a_marker_inside_the_view_box(code):
    x, y = COUNTRIES[code]["marker"]
    radius = 16  # the small map's circle, the larger of the two
    assert radius <= x <= WIDTH - radius
    assert radius <= y <= HEIGHT - radius


def test_every_country_has_a_label_anchor_on_its_land():
    for code, country in COUNTRIES.items():
        x, y = country["label"]
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT, code
        if code in CATALOGUE and "marker" not in country:
            assert inside((x, y), rings(country["d"])), code


def test_overseas_land_is_left_out():
    """France, Spain, Portugal and Norway end inside the frame: no clipped edges of theirs."""
    for code in ["FR", "ES", "PT", "NO", "NL"]:
        left, top, right, bottom = bounding_box(rings(COUNTRIES[code]["d"]))
        assert 0 < left and right < WIDTH and 0 < top and bottom < HEIGHT, code


def test_json_is_small():
    assert len(gzip.compress(MAP_JSON.read_bytes(), 9)) <= MAX_GZIP


# ---- The projection and Crimea ----
def test_projection_matches_the_epsg_example():
    """EPSG Guidance Note 7-2 works 50°N 5°E through EPSG:3035."""
    easting, northing = load_script().project(5.0, 50.0)
    assert easting == pytest.approx(3_962_799.45, abs=0.01)
    assert northing == pytest.approx(2_999_718.85, abs=0.01)


def test_script_and_data_share_the_frame():
    script = load_script()
    frame = [script.FRAME_WEST, script.FRAME_SOUTH, script.FRAME_EAST, script.FRAME_NORTH]
    assert frame == DATA["frame"]["epsg3035"]
    assert script.METRES_PER_UNIT == DATA["frame"]["metres_per_unit"]
    assert (script.VIEW_WIDTH, script.VIEW_HEIGHT) == (WIDTH, HEIGHT)


def test_crimea_is_drawn_in_ukraine_not_in_russia():
    script = load_script()
    crimea = script.view_point(34.1, 45.0)
    ukraine, russia = rings(COUNTRIES["UA"]["d"]), rings(COUNTRIES["RU"]["d"])
    left, top, right, bottom = bounding_box(ukraine)
    assert left <= crimea[0] <= right and top <= crimea[1] <= bottom
    assert inside(crimea, ukraine)
    assert not inside(crimea, russia)


def test_kosovo_and_northern_cyprus():
    assert inside(load_script().view_point(21.17, 42.67), rings(COUNTRIES["XK"]["d"]))  # Pristina
    assert not inside(load_script().view_point(21.17, 42.67), rings(COUNTRIES["RS"]["d"]))
    assert inside(load_script().view_point(33.9, 35.3), rings(COUNTRIES["CY"]["d"]))  # the north


# ---- The macro ----
def number(n: int) -> str:
    return "no practices" if n == 0 else ("1 practice" if n == 1 else f"{n} practices")


def link(code: str) -> str:
    return f"../countries/{code.lower()}/"


COUNTS = {code: [0, 1, 3, 7, 12][i % 5] for i, code in enumerate(CATALOGUE)}


def render(macro: str, *args, **kwargs) -> BeautifulSoup:
    env = Environment(
        loader=FileSystemLoader(ROOT / "theme" / "templates"),
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    html = str(getattr(env.get_template("_map.html").module, macro)(*args, **kwargs))
    return BeautifulSoup(html, "html.parser")


def draw(small: bool = False) -> BeautifulSoup:
    return render("europe_map", DATA, COUNTS, link, lambda c: f"Land {c}", number, "map-h", small)


def test_map_is_a_named_group_of_links():
    svg = draw().find("svg")
    assert svg["role"] == "group" and svg["aria-labelledby"] == "map-h"
    links = svg.find_all("a")
    assert sorted(a["data-country"] for a in links) == sorted(c for c in CATALOGUE if COUNTS[c])
    for a in links:
        code = a["data-country"]
        assert a["href"] == link(code)
        assert a.find("title").get_text() == f"Land {code} ({number(COUNTS[code])})"
        assert a.find("path")["d"] == COUNTRIES[code]["d"]


def test_countries_without_practices_are_drawn_but_not_linked():
    svg = draw().find("svg")
    unlinked = {g["data-country"]: g for g in svg.find_all("g")}
    assert set(unlinked) == {c for c in CATALOGUE if COUNTS[c] == 0}
    assert all(g["aria-hidden"] == "true" and not g.find("a") for g in unlinked.values())
    assert all("map-n0" in g["class"] for g in unlinked.values())


def test_shades_follow_the_counts():
    expected = {0: "map-n0", 1: "map-n1", 3: "map-n2", 7: "map-n3", 12: "map-n4"}
    for shape in draw().select("[data-country]"):
        assert shape["class"] == [expected[COUNTS[shape["data-country"]]]]


def test_neighbours_are_one_hidden_shape():
    context = draw().select("svg > path")
    assert len(context) == 1
    assert context[0]["aria-hidden"] == "true" and context[0]["class"] == ["map-context"]


def test_tiny_states_get_a_circle_larger_on_the_small_map():
    for small, radius in [(False, "9"), (True, "16")]:
        circles = draw(small).select("[data-country] circle")
        assert sorted(c.parent["data-country"] for c in circles) == TINY_STATES
        assert {c["r"] for c in circles} == {radius}


def test_no_external_urls_anywhere_in_the_svg():
    svg = draw().find("svg")
    values = [str(v) for tag in [svg, *svg.find_all(True)] for v in tag.attrs.values()]
    external = re.compile(r"^\s*(//|[a-z][a-z0-9+.-]*:)|url\(", re.IGNORECASE)
    assert [v for v in values if external.search(v)] == []
    assert not re.search(r"https?:|//", svg.get_text())


def test_rendered_svg_is_small():
    svg = str(draw().find("svg")).encode("utf-8")
    assert len(gzip.compress(svg, 9)) <= MAX_GZIP


def test_legend_is_a_list_in_html():
    legend = render("map_legend", "Practices per country", context="Not in the catalogue")
    items = [li.get_text(" ", strip=True) for li in legend.select("ul.map-legend-list > li")]
    assert items == ["0", "1", "2–4", "5–9", "10+", "Not in the catalogue"]
    assert legend.select_one(".map-legend-caption").get_text() == "Practices per country"
    assert all(svg["aria-hidden"] == "true" for svg in legend.find_all("svg"))


def test_legend_takes_the_words_for_each_class():
    def span(low, high):
        return f"{low} or more" if high is None else f"{low} to {high}"

    legend = render("map_legend", "Practices", span=span)
    items = [li.get_text(" ", strip=True) for li in legend.select("li")]
    assert items == ["0 to 0", "1 to 1", "2 to 4", "5 to 9", "10 or more"]
