import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';

export interface WardBoundary {
  code: string;
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

type Box = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function boundingBox(geometry: Polygon | MultiPolygon): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}

/**
 * Finds the ward containing a position (WGS84 longitude, latitude), offline, from the cached
 * boundaries; null when it is outside every ward. Boxes rule most wards out before the exact test.
 */
export function locateWard(wards: WardBoundary[], longitude: number, latitude: number): string | null {
  for (const ward of wards) {
    const geometry = ward.boundary as Polygon | MultiPolygon;
    const [minLon, minLat, maxLon, maxLat] = boundingBox(geometry);
    if (longitude < minLon || longitude > maxLon || latitude < minLat || latitude > maxLat) continue;
    if (booleanPointInPolygon([longitude, latitude], geometry)) return ward.code;
  }
  return null;
}
