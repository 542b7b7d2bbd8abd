#!/usr/bin/env python3
"""Make theme/map/europe.json, the self-hosted data of the inline SVG map of Europe.

Reads Natural Earth's country boundaries from the npm package world-atlas (installed
beside this script by `npm ci`), projects them to EPSG:3035, keeps Europe, simplifies
them and writes SVG path data per country. Standard library only, so that the site's
build never needs node or the network: it reads only the JSON written here.

    cd scripts/europe-map && npm ci && python3 make_map.py

docs/map.md explains the choices (frame, Crimea, Kosovo, Northern Cyprus, overseas land).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ATLAS = HERE / "node_modules" / "world-atlas"
SCHEMA = ROOT / "schema" / "practice.schema.json"
OUTPUT = ROOT / "theme" / "map" / "europe.json"

# ---- EPSG:3035, ETRS89-LAEA: Lambert azimuthal equal-area on the GRS80 ellipsoid ----
# Formulas: Snyder, "Map Projections: A Working Manual" (USGS PP 1395, 1987), chapter 24,
# oblique aspect of the ellipsoid, with the authalic latitude of chapter 3.
GRS80_A = 6_378_137.0
GRS80_F = 1 / 298.257222101
E2 = GRS80_F * (2 - GRS80_F)
ECCENTRICITY = math.sqrt(E2)
LAT0 = math.radians(52.0)
LON0 = math.radians(10.0)
FALSE_EASTING = 4_321_000.0
FALSE_NORTHING = 3_210_000.0


def authalic_q(lat: float) -> float:
    """Snyder's q: the ellipsoid's area between the equator and `lat` (radians), scaled."""
    s = math.sin(lat)
    log_term = math.log((1 - ECCENTRICITY * s) / (1 + ECCENTRICITY * s)) / (2 * ECCENTRICITY)
    return (1 - E2) * (s / (1 - E2 * s * s) - log_term)


Q_POLE = authalic_q(math.pi / 2)
BETA0 = math.asin(authalic_q(LAT0) / Q_POLE)  # the authalic latitude of the centre
SIN_B0, COS_B0 = math.sin(BETA0), math.cos(BETA0)
R_Q = GRS80_A * math.sqrt(Q_POLE / 2)
# D rescales x against y so that the scale is true in every direction at the centre.
D_SCALE = (
    GRS80_A * math.cos(LAT0) / math.sqrt(1 - E2 * math.sin(LAT0) ** 2) / (R_Q * math.cos(BETA0))
)


def project(lon: float, lat: float) -> tuple[float, float]:
    """EPSG:3035 easting and northing (metres) of a point given in degrees."""
    beta = math.asin(authalic_q(math.radians(lat)) / Q_POLE)
    sin_b, cos_b = math.sin(beta), math.cos(beta)
    dlon = math.radians(lon) - LON0
    b = R_Q * math.sqrt(2 / (1 + SIN_B0 * sin_b + COS_B0 * cos_b * math.cos(dlon)))
    x = b * D_SCALE * cos_b * math.sin(dlon)
    y = b / D_SCALE * (COS_B0 * sin_b - SIN_B0 * cos_b * math.cos(dlon))
    return FALSE_EASTING + x, FALSE_NORTHING + y


# ---- The frame: a rectangle in EPSG:3035 metres, drawn as a viewBox 1000 units wide ----
# West of Iceland and Portugal, east of Cyprus and Ukraine, south of Malta and Crete,
# north of the North Cape, with the whole Black Sea; Svalbard and Bear Island lie above it.
FRAME_WEST, FRAME_SOUTH, FRAME_EAST, FRAME_NORTH = 2_500_000, 1_270_000, 6_900_000, 5_450_000
VIEW_WIDTH = 1000
METRES_PER_UNIT = (FRAME_EAST - FRAME_WEST) // VIEW_WIDTH  # 4.4 km
VIEW_HEIGHT = (FRAME_NORTH - FRAME_SOUTH) // METRES_PER_UNIT  # 950: the frame is whole units


def to_view(easting: float, northing: float) -> tuple[float, float]:
    """SVG user units of an EPSG:3035 point: y grows downwards in SVG."""
    return (easting - FRAME_WEST) / METRES_PER_UNIT, (FRAME_NORTH - northing) / METRES_PER_UNIT


def view_point(lon: float, lat: float) -> tuple[float, float]:
    """SVG user units of a point in degrees (what the tests use to place Crimea)."""
    return to_view(*project(lon, lat))


# ---- Which Natural Earth feature is which country ----
# world-atlas ids are ISO 3166-1 numeric codes; only the features that reach the frame
# need a code. Åland (248) is part of Finland, so it is drawn as Finland.
NUMERIC_TO_ALPHA2 = {
    # the catalogue
    "020": "AD", "008": "AL", "040": "AT", "070": "BA", "056": "BE", "100": "BG",
    "756": "CH", "196": "CY", "203": "CZ", "276": "DE", "208": "DK", "233": "EE",
    "724": "ES", "246": "FI", "248": "FI", "250": "FR", "826": "GB", "300": "GR",
    "191": "HR", "348": "HU", "372": "IE", "352": "IS", "380": "IT", "438": "LI",
    "440": "LT", "442": "LU", "428": "LV", "492": "MC", "498": "MD", "499": "ME",
    "807": "MK", "470": "MT", "528": "NL", "578": "NO", "616": "PL", "620": "PT",
    "642": "RO", "688": "RS", "752": "SE", "705": "SI", "703": "SK", "674": "SM",
    "804": "UA",
    # neighbours, drawn as context where they reach the frame
    "643": "RU", "112": "BY", "792": "TR", "268": "GE", "051": "AM", "031": "AZ",
    "398": "KZ", "364": "IR", "368": "IQ", "760": "SY", "422": "LB", "376": "IL",
    "275": "PS", "400": "JO", "682": "SA", "818": "EG", "434": "LY", "788": "TN",
    "012": "DZ", "504": "MA", "234": "FO", "304": "GL", "831": "GG", "832": "JE",
    "833": "IM", "336": "VA",
}  # fmt: skip
# Features without an id. Kosovo: the code the EU and the catalogue use. Northern Cyprus:
# recognised only by Turkey; the EU counts the whole island as Cyprus, so it is drawn so.
NAME_TO_ALPHA2 = {"Kosovo": "XK", "N. Cyprus": "CY"}

# Only features whose bounding box meets this lon/lat box are read: it holds the frame,
# and keeps far land (Antarctica, the Pacific) away from the projection's antipode.
NEIGHBOURHOOD = (-45.0, 25.0, 75.0, 85.0)
# Catalogue countries with land outside Europe in their Natural Earth polygons: only the
# polygons inside their European box (lon/lat west, south, east, north) are drawn.
EUROPEAN_PART = {
    "ES": (-10.0, 35.0, 5.0, 44.0),  # drops the Canary Islands
    "FR": (-6.0, 41.0, 10.0, 52.0),  # mainland and Corsica; drops the overseas regions
    "NL": (3.0, 50.0, 8.0, 54.0),  # drops Bonaire, Sint Eustatius and Saba
    "NO": (4.0, 57.0, 32.0, 72.0),  # mainland; drops Svalbard and Jan Mayen
    "PT": (-10.0, 36.0, -6.0, 43.0),  # mainland; drops the Azores and Madeira
}
# Natural Earth draws Crimea as a polygon of Russia; the catalogue shows it in Ukraine.
CRIMEA_POINT = (34.1, 45.0)
CRIMEA_BOX = (32.0, 44.0, 37.0, 46.5)

# ---- Drawing ----
TOLERANCE = 0.6  # Douglas-Peucker, in viewBox units (2.6 km)
FINE_TOLERANCE = 0.3  # for the borders of the states small enough to need a marker
MIN_RING_AREA = 2.0  # square units: smaller islands and lakes vanish at this scale
MARKER_BELOW_KM2 = 3000  # states whose largest polygon is smaller get a marker circle
LABEL_ROWS = 24  # rows tried when looking for a label point


Point = tuple[float, float]
Ring = list[Point]


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def catalogue_countries() -> list[str]:
    return load_json(SCHEMA)["$defs"]["country"]["enum"]


def atlas_version() -> str:
    """The installed world-atlas version, which must be the one package.json pins."""
    pinned = load_json(HERE / "package.json")["dependencies"]["world-atlas"]
    installed = load_json(ATLAS / "package.json")["version"]
    if installed != pinned:
        sys.exit(f"world-atlas {installed} is installed, package.json pins {pinned}: run npm ci")
    return installed


def natural_earth_version() -> str:
    """The Natural Earth edition world-atlas redistributes, as its README states it."""
    found = re.search(
        r"version (\d+(?:\.\d+)+) as TopoJSON", (ATLAS / "README.md").read_text("utf-8")
    )
    if not found:
        sys.exit("world-atlas's README no longer names its Natural Earth version: look it up")
    return found[1]


# ---- TopoJSON ----
def decode_arcs(topology: dict) -> list[Ring]:
    """Absolute lon/lat of every arc: undo the delta encoding, then the quantization."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    return [[(x * sx + tx, y * sy + ty) for x, y in running_sums(arc)] for arc in topology["arcs"]]


def running_sums(deltas: list[list[int]]) -> list[tuple[int, int]]:
    x = y = 0
    positions = []
    for dx, dy in deltas:
        x, y = x + dx, y + dy
        positions.append((x, y))
    return positions


def arc_index(ref: int) -> int:
    """TopoJSON writes a reversed arc i as ~i (that is, -i - 1)."""
    return ref if ref >= 0 else ~ref


def oriented(arcs: list[Ring], ref: int) -> Ring:
    return arcs[ref] if ref >= 0 else arcs[~ref][::-1]


def ring_points(refs: list[int], arcs: list[Ring]) -> Ring:
    """The open ring of a closed chain of arcs: each arc starts where the last one ended."""
    points: Ring = []
    for ref in refs:
        points.extend(oriented(arcs, ref)[1:])
    return points


def geometry_polygons(geometry: dict) -> list[list[list[int]]]:
    """Polygons as lists of rings, each ring a list of arc references."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    return geometry["arcs"] if geometry["type"] == "MultiPolygon" else []


def feature_code(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name")
    return NAME_TO_ALPHA2.get(name) or NUMERIC_TO_ALPHA2.get(geometry.get("id"))


# ---- Plane geometry, shared by lon/lat and viewBox points ----
def bounds(points: Ring) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def box_inside(inner: tuple, outer: tuple) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def boxes_meet(a: tuple, b: tuple) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def edges(ring: Ring) -> list[tuple[Point, Point]]:
    """Each side of a closed ring, the last one back to the start."""
    return list(zip(ring, ring[1:] + ring[:1], strict=True))


def signed_area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in edges(ring)) / 2


def contains(ring: Ring, point: Point) -> bool:
    """Even-odd rule: does a ray to the right of `point` cross the ring an odd number of times?"""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in edges(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def centroid(ring: Ring) -> Point:
    area = signed_area(ring)
    if abs(area) < 1e-9:  # a ring collapsed to a line or a point
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    pairs = edges(ring)
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs)
    return cx / (6 * area), cy / (6 * area)


def interior_point(ring: Ring) -> Point:
    """A point well inside the ring, for a label or a marker.

    The centroid can fall outside a bent country (Croatia) or near its edge, so try the
    middle of every stretch of land on a few rows and keep the one with the most land
    around it, measured across and up-and-down: a cheap pole of inaccessibility.
    """
    top, bottom = bounds(ring)[1], bounds(ring)[3]
    rows = [top + (bottom - top) * (i + 0.5) / LABEL_ROWS for i in range(LABEL_ROWS)]
    candidates = [
        (min(right - left, column_extent(ring, (left + right) / 2, y)), ((left + right) / 2, y))
        for y in rows
        for left, right in row_spans(ring, y)
    ]
    return max(candidates)[1] if candidates else centroid(ring)


def column_extent(ring: Ring, x: float, y: float) -> float:
    """How far the land reaches up and down from (x, y), edge to edge."""
    spans = row_spans([(py, px) for px, py in ring], x)  # a column is a row of the mirror
    return next((bottom - top for top, bottom in spans if top <= y <= bottom), 0.0)


def row_spans(ring: Ring, y: float) -> list[Point]:
    """Where the horizontal line at `y` is inside the ring, as (left, right) pairs."""
    crossings = sorted(
        x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in edges(ring)
        if (y0 > y) != (y1 > y)
    )
    return list(zip(crossings[::2], crossings[1::2], strict=False))


# ---- Choosing and assigning polygons ----
def read_features(topology: dict, arcs: list[Ring]) -> dict[str, list]:
    """Polygons (as arc references) by country code, for the features near Europe."""
    polygons: dict[str, list] = defaultdict(list)
    for geometry in topology["objects"]["countries"]["geometries"]:
        near = [p for p in geometry_polygons(geometry) if is_near(p, arcs)]
        name = geometry.get("properties", {}).get("name", "?")
        polygons[feature_code(geometry) or f"?{name}"].extend(near)
    return {code: found for code, found in polygons.items() if found}


def is_near(polygon: list[list[int]], arcs: list[Ring]) -> bool:
    return boxes_meet(bounds(ring_points(polygon[0], arcs)), NEIGHBOURHOOD)


def move_crimea(polygons: dict[str, list], arcs: list[Ring]) -> None:
    """Give Russia's Crimean polygon to Ukraine; stop if Crimea is not a polygon of its own."""
    found = [p for p in polygons["RU"] if contains(ring_points(p[0], arcs), CRIMEA_POINT)]
    if len(found) != 1 or not box_inside(bounds(ring_points(found[0][0], arcs)), CRIMEA_BOX):
        sys.exit("Crimea is not a separate polygon of Russia in this Natural Earth: cut it here")
    polygons["RU"].remove(found[0])
    polygons["UA"].append(found[0])


def drop_overseas(polygons: dict[str, list], arcs: list[Ring]) -> None:
    for code, box in EUROPEAN_PART.items():
        polygons[code] = [
            p for p in polygons[code] if box_inside(bounds(ring_points(p[0], arcs)), box)
        ]


def merged_rings(polygons: list[list[list[int]]], arcs: list[Ring]) -> list[list[int]]:
    """One country's rings with the borders inside it removed (Crimea, Northern Cyprus).

    An arc used twice by the same country separates two of its own pieces: drop it,
    then chain the remaining arcs, each end to the next start, back into closed rings.
    """
    refs = [ref for polygon in polygons for ring in polygon for ref in ring]
    uses = Counter(arc_index(ref) for ref in refs)
    return chain_rings([ref for ref in refs if uses[arc_index(ref)] == 1], arcs)


def first_point(arcs: list[Ring], ref: int) -> Point:
    return arcs[ref][0] if ref >= 0 else arcs[~ref][-1]


def last_point(arcs: list[Ring], ref: int) -> Point:
    return arcs[ref][-1] if ref >= 0 else arcs[~ref][0]


def chain_rings(refs: list[int], arcs: list[Ring]) -> list[list[int]]:
    waiting: dict[Point, list[int]] = defaultdict(list)
    for ref in refs:
        waiting[first_point(arcs, ref)].append(ref)
    return [
        follow_ring(ref, waiting, arcs) for ref in refs if ref in waiting[first_point(arcs, ref)]
    ]


def follow_ring(ref: int | None, waiting: dict[Point, list[int]], arcs: list[Ring]) -> list[int]:
    """Walk from arc to arc until no arc starts where the last one ends: the ring is closed."""
    ring = []
    while ref is not None:
        waiting[first_point(arcs, ref)].remove(ref)
        ring.append(ref)
        after = waiting[last_point(arcs, ref)]
        ref = after[0] if after else None
    return ring


# ---- Projection, clipping, simplification ----
def project_arcs(arcs: list[Ring], indices: set[int]) -> dict[int, Ring]:
    return {i: [view_point(lon, lat) for lon, lat in arcs[i]] for i in sorted(indices)}


def clip_to_view(ring: Ring) -> Ring:
    """Sutherland-Hodgman against the four sides of the viewBox."""
    for axis, limit, keep_below in (
        (0, 0, False),
        (0, VIEW_WIDTH, True),
        (1, 0, False),
        (1, VIEW_HEIGHT, True),
    ):
        ring = clip_side(ring, axis, limit, keep_below)
    return ring


def clip_side(ring: Ring, axis: int, limit: float, keep_below: bool) -> Ring:
    def inside(point: Point) -> bool:
        return point[axis] <= limit if keep_below else point[axis] >= limit

    clipped: Ring = []
    for previous, current in edges(ring):
        if inside(current) != inside(previous):
            clipped.append(crossing(previous, current, axis, limit))
        if inside(current):
            clipped.append(current)
    return clipped


def crossing(a: Point, b: Point, axis: int, limit: float) -> Point:
    t = (limit - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (limit, other) if axis == 0 else (other, limit)


def douglas_peucker(points: Ring, tolerance: float) -> Ring:
    """Keep the points farther than `tolerance` from the chord of the stretch they lie on."""
    keep = {0, len(points) - 1}
    stretches = [(0, len(points) - 1)]
    while stretches:
        first, last = stretches.pop()
        index, distance = farthest(points, first, last)
        if distance > tolerance:
            keep.add(index)
            stretches += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def farthest(points: Ring, first: int, last: int) -> tuple[int, float]:
    best, best_distance = first, 0.0
    for index in range(first + 1, last):
        distance = segment_distance(points[index], points[first], points[last])
        if distance > best_distance:
            best, best_distance = index, distance
    return best, best_distance


def segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment ab (an island drawn as one closed arc has a == b)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def rounded(ring: Ring) -> list[tuple[int, int]]:
    """Integer points, without the repeats that rounding makes (the ring stays open)."""
    points = [(round(x), round(y)) for x, y in ring]
    kept = [p for p, after in edges(points) if p != after]
    return kept or points[:1]


# ---- One country ----
def precise_rings(rings: list[list[int]], view_arcs: dict[int, Ring]) -> list[Ring]:
    """Projected, clipped, not yet simplified: for the anchors and the areas."""
    clipped = [clip_to_view(ring_points(ring, view_arcs)) for ring in rings]
    return [ring for ring in clipped if len(ring) >= 3]


def drawn_rings(rings: list[list[int]], simple_arcs: dict[int, Ring], keep_one: bool) -> list:
    """Simplified, clipped, rounded; islands and lakes too small to see are left out."""
    candidates = [rounded(clip_to_view(ring_points(ring, simple_arcs))) for ring in rings]
    candidates = [ring for ring in candidates if ring]
    shown = [r for r in candidates if len(r) >= 3 and abs(signed_area(r)) >= MIN_RING_AREA]
    if shown or not keep_one or not candidates:
        return shown
    return [max(candidates, key=lambda ring: (abs(signed_area(ring)), len(ring)))]


def largest(rings: list[Ring]) -> Ring:
    return max(rings, key=lambda ring: abs(signed_area(ring)))


def area_km2(ring: Ring) -> float:
    """EPSG:3035 is equal-area, so areas on the map are true areas."""
    return abs(signed_area(ring)) * (METRES_PER_UNIT / 1000) ** 2


def anchor(rings: list[Ring]) -> list[int]:
    x, y = interior_point(largest(rings))
    return [round(x), round(y)]


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    return "".join(ring_path(ring) for ring in rings)


def ring_path(ring: list[tuple[int, int]]) -> str:
    """Absolute start, then relative moves: small numbers, small file."""
    moves = [str(b[i] - a[i]) for a, b in itertools.pairwise(ring) for i in (0, 1)]
    start = f"M{ring[0][0]} {ring[0][1]}"
    return f"{start}l{' '.join(moves)}z" if moves else f"{start}z"


# ---- The whole map ----
def country_rings(topology: dict, arcs: list[Ring]) -> dict[str, list[list[int]]]:
    """Each code's rings as chains of arc references, after every reassignment."""
    polygons = read_features(topology, arcs)
    move_crimea(polygons, arcs)
    drop_overseas(polygons, arcs)
    return {code: merged_rings(found, arcs) for code, found in sorted(polygons.items()) if found}


def used_arcs(rings_by_code: dict[str, list[list[int]]]) -> set[int]:
    return {arc_index(ref) for rings in rings_by_code.values() for ring in rings for ref in ring}


def check_coverage(precise: dict[str, list[Ring]], catalogue: list[str]) -> None:
    """Every catalogue country is drawn whole; every land in the frame has a code."""
    missing = [code for code in catalogue if not precise.get(code)]
    unnamed = [code[1:] for code, rings in precise.items() if code.startswith("?") and rings]
    cut = [code for code in catalogue if code not in missing and not fits(precise[code])]
    if missing or unnamed or cut:
        sys.exit(
            f"not in the data: {missing}; land without a code: {unnamed}; cut by the frame: {cut}"
        )


def fits(rings: list[Ring]) -> bool:
    edge = 1e-6  # a ring clipped by the frame has points on its edge
    return all(
        box_inside(bounds(r), (edge, edge, VIEW_WIDTH - edge, VIEW_HEIGHT - edge)) for r in rings
    )


def arc_tolerances(rings_by_code: dict, marked: set[str]) -> dict[int, float]:
    """The tiny states' borders are kept finer, on both sides, so that they stay shared."""
    tolerances = dict.fromkeys(used_arcs(rings_by_code), TOLERANCE)
    for code in marked:
        tolerances.update(dict.fromkeys(used_arcs({code: rings_by_code[code]}), FINE_TOLERANCE))
    return tolerances


def build_map(topology: dict, catalogue: list[str], version: str) -> dict:
    arcs = decode_arcs(topology)
    rings_by_code = country_rings(topology, arcs)
    view_arcs = project_arcs(arcs, used_arcs(rings_by_code))
    precise = {code: precise_rings(rings, view_arcs) for code, rings in rings_by_code.items()}
    check_coverage(precise, catalogue)
    marked = {code for code in catalogue if area_km2(largest(precise[code])) < MARKER_BELOW_KM2}
    simple = simplified_arcs(view_arcs, arc_tolerances(rings_by_code, marked))
    countries = {}
    for code, rings in rings_by_code.items():
        drawn = drawn_rings(rings, simple, keep_one=code in catalogue)
        if drawn and not code.startswith("?"):  # unnamed land far outside the frame
            countries[code] = country_entry(code, drawn, precise[code], catalogue, marked)
    return map_document(countries, version)


def simplified_arcs(view_arcs: dict[int, Ring], tolerances: dict[int, float]) -> dict[int, Ring]:
    """Each arc is simplified once, so both countries along a border get the same line."""
    return {i: douglas_peucker(points, tolerances[i]) for i, points in view_arcs.items()}


def country_entry(
    code: str, drawn: list, precise: list[Ring], catalogue: list[str], marked: set
) -> dict:
    entry: dict = {"d": path_data(drawn), "label": anchor(precise)}
    if code in marked:
        entry["marker"] = entry["label"]
    if code not in catalogue:
        entry["context"] = True
    return entry


def map_document(countries: dict, version: str) -> dict:
    return {
        "countries": countries,
        "frame": {
            "epsg3035": [FRAME_WEST, FRAME_SOUTH, FRAME_EAST, FRAME_NORTH],
            "metres_per_unit": METRES_PER_UNIT,
        },
        "licence": "public domain (Natural Earth)",
        "projection": "EPSG:3035",
        "simplification": {
            "method": "Douglas-Peucker",
            "tolerance": TOLERANCE,
            "tiny_states": FINE_TOLERANCE,
        },
        "source": {
            "data": f"Natural Earth Admin 0 countries, 1:50m, version {natural_earth_version()}",
            "data_url": "https://www.naturalearthdata.com/",
            "package": f"world-atlas {version} (countries-50m.json)",
            "package_url": "https://github.com/topojson/world-atlas",
        },
        "viewBox": f"0 0 {VIEW_WIDTH} {VIEW_HEIGHT}",
    }


def serialise(document: dict) -> str:
    """Sorted keys and integers only: two runs write the same bytes."""
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--out", type=Path, default=OUTPUT, help="where to write (default: %(default)s)"
    )
    parser.add_argument("--check", action="store_true", help="only check that --out is up to date")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    topology = load_json(ATLAS / "countries-50m.json")
    text = serialise(build_map(topology, catalogue_countries(), atlas_version()))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        sys.stderr.write(f"{args.out}: {'up to date' if current == text else 'OUT OF DATE'}\n")
        return 0 if current == text else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    sys.stderr.write(
        f"wrote {args.out}: {size} bytes, {len(gzip.compress(text.encode(), 9))} gzip -9\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
