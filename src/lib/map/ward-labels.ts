/**
 * Where a ward's name goes on the map, and whether it fits there. Pure geometry on GeoJSON
 * longitude/latitude, no Leaflet, so it runs under Vitest.
 */
import polylabel from 'polylabel';

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

/**
 * The point of a polygon farthest from its outline (its "pole of inaccessibility", by Mapbox's
 * polylabel): where a label has the most room, and always inside, unlike a centroid of a
 * crescent. Found in a plane where longitude is squeezed by the cosine of the latitude, so a
 * degree east counts as much as it measures, to within a hundredth of the polygon's size.
 */
function poleOf(rings: PolygonRings): { point: [number, number]; distance: number } {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of rings[0]) {
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  const xScale = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const precision = 0.01 * Math.max((maxX - minX) * xScale, maxY - minY);
  if (!(precision > 0)) return { point: [(minX + maxX) / 2, (minY + maxY) / 2], distance: 0 };
  const squeezed = rings.map((ring) => ring.map(([x, y]): [number, number] => [x * xScale, y]));
  const pole = polylabel(squeezed, precision);
  return { point: [pole[0] / xScale, pole[1]], distance: pole.distance };
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
