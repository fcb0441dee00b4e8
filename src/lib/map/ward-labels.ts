/**
 * Where a ward's name goes on the map, and whether it fits there. Pure geometry on GeoJSON
 * longitude/latitude, no Leaflet, so it runs under Vitest.
 */

type Position = [number, number] | number[];
type Ring = Position[];
type PolygonRings = Ring[];
export interface WardGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

const polygonsOf = (geometry: WardGeometry): PolygonRings[] =>
  geometry.type === 'Polygon' ? [geometry.coordinates as PolygonRings] : (geometry.coordinates as PolygonRings[]);

/** Even-odd ray casting over every ring: holes (and a multipolygon's parts) count right. */
export function insideGeometry(geometry: WardGeometry, lon: number, lat: number): boolean {
  let inside = false;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** Squared distance from a point to a segment, in the plane. */
function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let x = ax;
  let y = ay;
  let dx = bx - x;
  let dy = by - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = [bx, by];
    else if (t > 0) [x, y] = [x + dx * t, y + dy * t];
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/**
 * Signed distance from a point to a polygon's outline in a plane where x is squeezed by `xScale`
 * (so a degree of longitude counts as much as it measures): positive inside, negative outside.
 */
function signedDistance(rings: PolygonRings, x: number, y: number, xScale: number): number {
  let inside = false;
  let least = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[j];
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      least = Math.min(least, segmentDistanceSquared(x * xScale, y, ax * xScale, ay, bx * xScale, by));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(least);
}

/**
 * The point of a polygon farthest from its outline (its "pole of inaccessibility", as Mapbox's
 * polylabel finds it): where a label has the most room, and always inside, unlike a centroid of a
 * crescent. Cells of a grid are split, best first, until none can beat the best by `precision`
 * (a share of the polygon's size).
 */
function poleOf(rings: PolygonRings, precision = 0.01): { point: [number, number]; distance: number } {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of rings[0]) {
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  const xScale = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const width = (maxX - minX) * xScale;
  const height = maxY - minY;
  const cellSize = Math.min(width, height);
  const centre: [number, number] = [(minX + maxX) / 2, (minY + maxY) / 2];
  if (cellSize === 0) return { point: centre, distance: 0 };

  interface Cell {
    x: number; // in the squeezed plane
    y: number;
    h: number; // half its size
    d: number; // distance from its centre to the outline
    max: number; // the most any point in it could have
  }
  const cell = (x: number, y: number, h: number): Cell => {
    const d = signedDistance(rings, x / xScale, y, xScale);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const queue: Cell[] = [];
  let h = cellSize / 2;
  for (let x = minX * xScale; x < maxX * xScale; x += cellSize) {
    for (let y = minY; y < maxY; y += cellSize) queue.push(cell(x + h, y + h, h));
  }
  let best = cell(centre[0] * xScale, centre[1], 0);
  const tolerance = precision * Math.max(width, height);
  // At most a few thousand cells for any ward; the queue is kept sorted, most promising last.
  for (let steps = 0; queue.length > 0 && steps < 5000; steps++) {
    queue.sort((a, b) => a.max - b.max);
    const next = queue.pop()!;
    if (next.d > best.d) best = next;
    if (next.max - best.d <= tolerance) continue;
    h = next.h / 2;
    queue.push(cell(next.x - h, next.y - h, h), cell(next.x + h, next.y - h, h), cell(next.x - h, next.y + h, h), cell(next.x + h, next.y + h, h));
  }
  return { point: [best.x / xScale, best.y], distance: best.d };
}

/** Where a ward's label goes: the pole of its roomiest part, as [longitude, latitude]. */
export function labelPoint(geometry: WardGeometry): [number, number] {
  let best: { point: [number, number]; distance: number } | null = null;
  for (const polygon of polygonsOf(geometry)) {
    if (polygon.length === 0 || polygon[0].length < 3) continue;
    const pole = poleOf(polygon);
    if (!best || pole.distance > best.distance) best = pole;
  }
  return best?.point ?? [0, 0];
}

/**
 * Whether a label box (`width` × `height` pixels) centred on `centre` lies inside the ward, tested
 * at points around its edge (its corners drawn in a little) and across its middle. `toLonLat` turns a point on screen (pixels)
 * into a position, so the test follows the map's zoom.
 */
export function labelFits(
  geometry: WardGeometry,
  centre: { x: number; y: number },
  size: { width: number; height: number },
  toLonLat: (x: number, y: number) => [number, number]
): boolean {
  const [halfW, halfH] = [size.width / 2, size.height / 2];
  for (const fx of [-1, -0.5, 0, 0.5, 1]) {
    for (const fy of [-1, 0, 1]) {
      // The box's very corners may clip a bend of the outline: text rarely reaches them.
      const corner = Math.abs(fx) === 1 && fy !== 0 ? 0.85 : 1;
      const [lon, lat] = toLonLat(centre.x + fx * halfW * corner, centre.y + fy * halfH * corner);
      if (!insideGeometry(geometry, lon, lat)) return false;
    }
  }
  return true;
}

/**
 * Ways to set a name: on one line, or on two split at the space nearest its middle (never before
 * an "&"), so a long
 * name ("Headingley & Hyde Park") can still fit a ward taller than it is wide.
 */
export function labelLines(name: string): string[][] {
  const words = name.split(' ');
  const ways: string[][] = [[name]];
  if (words.length < 2) return ways;
  let bestSplit = 1;
  let bestDifference = Infinity;
  for (let i = 1; i < words.length; i++) {
    if (/^(&|and)$/i.test(words[i])) continue; // "Headingley &" / "Hyde Park" reads as one name
    const difference = Math.abs(words.slice(0, i).join(' ').length - words.slice(i).join(' ').length);
    if (difference < bestDifference) [bestSplit, bestDifference] = [i, difference];
  }
  ways.push([words.slice(0, bestSplit).join(' '), words.slice(bestSplit).join(' ')]);
  return ways;
}

/**
 * How tall a map of these wards should be for its width: their bounds' aspect in Web Mercator (as
 * Leaflet draws them), so the wards fill the map's width without empty bands. England by default.
 */
export function wardsAspect(geometries: readonly WardGeometry[]): number {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const [lon, lat] of polygon[0] ?? []) {
        [minLon, minLat, maxLon, maxLat] = [Math.min(minLon, lon), Math.min(minLat, lat), Math.max(maxLon, lon), Math.max(maxLat, lat)];
      }
    }
  }
  if (!(maxLon > minLon && maxLat > minLat)) return 1;
  const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const width = ((maxLon - minLon) * Math.PI) / 180;
  return width / (mercatorY(maxLat) - mercatorY(minLat));
}
