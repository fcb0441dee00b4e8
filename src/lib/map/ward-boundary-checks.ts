import { WardWithBoundary } from '$lib/domain/network-setup';
import type { RawFeature } from './boundary-file';

/** One problem with one ward of a boundary file, to list in the import report. */
export interface BoundaryProblem {
  ward: string;
  problem: string;
}

/** ONS names its fields by year: WD25CD, WD25NM, LAD25CD, LAD25NM (any two-digit year, any case). */
export function onsFieldNames(properties: Record<string, unknown>) {
  const codeKey = Object.keys(properties).find((key) => /^WD\d{2}CD$/i.test(key));
  if (!codeKey) return null;
  const year = codeKey.slice(2, 4);
  const find = (wanted: string) => Object.keys(properties).find((key) => key.toUpperCase() === wanted) ?? wanted;
  return {
    year: `20${year}`,
    code: codeKey,
    name: find(`WD${year}NM`),
    localAuthorityCode: find(`LAD${year}CD`),
    localAuthorityName: find(`LAD${year}NM`)
  };
}

type Position = [number, number];

/** What is wrong with a geometry: not a polygon, empty, an unclosed ring, or off the globe. */
function geometryProblem(geometry: RawFeature['geometry']): string | null {
  if (!geometry || geometry.coordinates === undefined) return 'it has no boundary (empty geometry)';
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return `its boundary is a ${geometry.type}, not a Polygon or MultiPolygon`;
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
  if (!Array.isArray(polygons) || polygons.length === 0 || polygons.some((rings) => !Array.isArray(rings) || rings.length === 0)) {
    return 'it has no boundary (empty geometry)';
  }
  for (const ring of polygons.flat()) {
    if (!Array.isArray(ring) || ring.length < 4) return 'a boundary ring has fewer than 4 points';
    for (const point of ring) {
      if (!Array.isArray(point)) return 'a boundary point is not a pair of numbers';
      const [lon, lat] = point;
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'a boundary point is not a pair of numbers';
      if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
        return `a boundary point (${lon}, ${lat}) is outside WGS84 longitude/latitude: is the file in British National Grid?`;
      }
    }
    const [first, last] = [ring[0], ring.at(-1)!];
    if (first[0] !== last[0] || first[1] !== last[1]) return 'a boundary ring is not closed (its last point is not its first)';
  }
  return null;
}

/**
 * Checks every feature of a boundary file as a ward, before anything is stored: ONS fields, GSS
 * code format, duplicate codes, names, and geometry. Returns the wards and every problem found,
 * each named by ward.
 */
export function checkWardFeatures(features: RawFeature[]): { wards: WardWithBoundary[]; problems: BoundaryProblem[]; year: string | null } {
  if (features.length === 0) return { wards: [], problems: [{ ward: 'the file', problem: 'it holds no wards' }], year: null };
  const fields = onsFieldNames(features[0].properties ?? {});
  if (!fields) {
    const problem = 'it has no ward code property: expected ONS fields WDyyCD, WDyyNM, LADyyCD and LADyyNM (for example WD25CD)';
    return { wards: [], problems: [{ ward: 'the file', problem }], year: null };
  }
  const wards: WardWithBoundary[] = [];
  const problems: BoundaryProblem[] = [];
  const seen = new Set<string>();
  features.forEach((feature, index) => {
    const p = feature.properties ?? {};
    const label = typeof p[fields.code] === 'string' && p[fields.code] ? String(p[fields.code]) : `number ${index + 1}`;
    const shape = geometryProblem(feature.geometry);
    if (shape) problems.push({ ward: label, problem: shape });
    if (seen.has(label)) problems.push({ ward: label, problem: 'this ward code appears twice (or more) in the file' });
    seen.add(label);
    const ward = WardWithBoundary.safeParse({
      code: p[fields.code],
      name: p[fields.name],
      localAuthorityCode: p[fields.localAuthorityCode],
      localAuthorityName: p[fields.localAuthorityName],
      boundary: feature.geometry
    });
    if (!ward.success) {
      for (const issue of ward.error.issues.filter((i) => i.path[0] !== 'boundary')) {
        problems.push({ ward: label, problem: `its ${String(issue.path[0] ?? 'value')} is not right: ${issue.message}` });
      }
    } else if (!shape) {
      wards.push(ward.data);
    }
  });
  return { wards, problems, year: fields.year };
}
