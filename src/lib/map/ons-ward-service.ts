import { LocalAuthorityCode } from '$lib/domain/ward';

/** The ONS Open Geography ward layer: December 2025, generalised and clipped to the coastline. */
export const DEFAULT_ONS_WARD_SERVICE =
  'https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/WD_DEC_2025_UK_BGC/FeatureServer/0';

/** The service caps each answer; ArcGIS says so with exceededTransferLimit, and we page on. */
export const ONS_PAGE_SIZE = 2000;

export class OnsDownloadError extends Error {}

interface FeatureCollection {
  type: 'FeatureCollection';
  features: unknown[];
}

/** LAD codes from what a coordinator typed: separated by commas, spaces or lines. */
export function parseLadCodes(text: string): string[] {
  const codes = text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean);
  const bad = codes.filter((code) => !LocalAuthorityCode.safeParse(code).success);
  if (codes.length === 0) throw new OnsDownloadError('Enter at least one local authority code, such as E08000035 for Leeds.');
  if (bad.length > 0) throw new OnsDownloadError(`These are not local authority codes: ${bad.join(', ')}. They look like E08000035.`);
  return [...new Set(codes)];
}

async function getJson(fetchFn: typeof fetch, url: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch {
    throw new OnsDownloadError('The ONS boundary service could not be reached. Check the connection and the service address.');
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || !json || 'error' in json) {
    const detail = (json?.error as { message?: string } | undefined)?.message ?? `${response.status} ${response.statusText}`;
    throw new OnsDownloadError(`The ONS boundary service refused the request: ${detail}.`);
  }
  return json;
}

/**
 * Downloads the wards of these local authorities from an ONS ArcGIS feature layer as one GeoJSON
 * FeatureCollection, a page of `pageSize` at a time until the service says nothing is left.
 * Nothing is stored here: a failure part-way leaves the network's boundaries as they were.
 */
export async function downloadOnsWards(options: {
  serviceUrl: string;
  ladCodes: string[];
  fetch: typeof fetch;
  onProgress?: (progress: { received: number; total: number | null }) => void;
  pageSize?: number;
}): Promise<FeatureCollection> {
  const service = options.serviceUrl.replace(/\/+$/, '');
  const layer = await getJson(options.fetch, `${service}?f=json`);
  const fields = ((layer.fields as { name: string }[] | undefined) ?? []).map((f) => f.name);
  const ladField = fields.find((name) => /^LAD\d{2}CD$/i.test(name));
  if (!ladField) throw new OnsDownloadError('That service is not an ONS ward layer: it has no LADyyCD field.');
  const where = `${ladField} IN (${options.ladCodes.map((code) => `'${code}'`).join(',')})`;
  const query = (extra: Record<string, string>) =>
    `${service}/query?${new URLSearchParams({ where, f: 'json', ...extra })}`;
  const counted = await getJson(options.fetch, query({ returnCountOnly: 'true' })).catch(() => null);
  const total = typeof counted?.count === 'number' ? counted.count : null;
  const pageSize = options.pageSize ?? ONS_PAGE_SIZE;
  const features: unknown[] = [];
  options.onProgress?.({ received: 0, total });
  for (let offset = 0; ; offset += pageSize) {
    const page = await getJson(
      options.fetch,
      query({ outFields: '*', outSR: '4326', f: 'geojson', resultOffset: String(offset), resultRecordCount: String(pageSize), orderByFields: ladField })
    );
    const pageFeatures = (page.features as unknown[] | undefined) ?? [];
    features.push(...pageFeatures);
    options.onProgress?.({ received: features.length, total });
    const more = page.exceededTransferLimit ?? (page.properties as { exceededTransferLimit?: boolean } | undefined)?.exceededTransferLimit;
    if (!more || pageFeatures.length === 0) break;
  }
  if (features.length === 0) throw new OnsDownloadError('The ONS service has no wards for those local authority codes.');
  return { type: 'FeatureCollection', features };
}
