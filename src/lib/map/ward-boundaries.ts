import * as z from 'zod/mini';
import { WardWithBoundary } from '$lib/domain/network-setup';

/** A boundary file could not be read; the message says what to fix, in one line. */
export class BoundaryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoundaryFileError';
  }
}

const GeoJsonFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      properties: z.nullable(z.record(z.string(), z.unknown())),
      geometry: z.nullable(z.object({ type: z.string(), coordinates: z.unknown() }))
    })
  )
});

/** ONS names its fields by year: WD25CD, WD25NM, LAD25CD, LAD25NM (any two-digit year, any case). */
function onsFieldNames(properties: Record<string, unknown>) {
  const codeKey = Object.keys(properties).find((key) => /^WD\d{2}CD$/i.test(key));
  if (!codeKey) return null;
  const year = codeKey.slice(2, 4);
  const find = (wanted: string) =>
    Object.keys(properties).find((key) => key.toUpperCase() === wanted) ?? wanted;
  return {
    code: codeKey,
    name: find(`WD${year}NM`),
    localAuthorityCode: find(`LAD${year}CD`),
    localAuthorityName: find(`LAD${year}NM`)
  };
}

/** Reads the wards of an ONS GeoJSON boundary file, or says in one line why it cannot. */
export function parseWardBoundaryFile(text: string): WardWithBoundary[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BoundaryFileError('The ward boundary file is not GeoJSON: it is not valid JSON.');
  }
  const collection = GeoJsonFeatureCollection.safeParse(json);
  if (!collection.success) {
    throw new BoundaryFileError(
      'The ward boundary file is not GeoJSON: expected a FeatureCollection with a "features" list.'
    );
  }
  const features = collection.data.features;
  if (features.length === 0) throw new BoundaryFileError('The ward boundary file holds no wards.');
  const fields = onsFieldNames(features[0].properties ?? {});
  if (!fields) {
    throw new BoundaryFileError(
      'The ward boundary file has no ward code property: expected ONS fields WDyyCD, WDyyNM, LADyyCD and LADyyNM (for example WD25CD).'
    );
  }
  const wards = features.map((feature, index) => {
    const p = feature.properties ?? {};
    const ward = WardWithBoundary.safeParse({
      code: p[fields.code],
      name: p[fields.name],
      localAuthorityCode: p[fields.localAuthorityCode],
      localAuthorityName: p[fields.localAuthorityName],
      boundary: feature.geometry
    });
    if (!ward.success) {
      const issue = ward.error.issues[0];
      throw new BoundaryFileError(
        `Ward ${String(p[fields.code] ?? `number ${index + 1}`)} in the boundary file has a bad ${issue.path.join('.') || 'value'}: ${issue.message}.`
      );
    }
    return ward.data;
  });
  const seen = new Set<string>();
  for (const ward of wards) {
    if (seen.has(ward.code)) {
      throw new BoundaryFileError(`Ward ${ward.code} appears twice in the boundary file.`);
    }
    seen.add(ward.code);
  }
  return wards;
}
