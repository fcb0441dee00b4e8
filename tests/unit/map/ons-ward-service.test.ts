import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadOnsWards, OnsDownloadError, parseLadCodes } from '../../../src/lib/map/ons-ward-service';
import { readBoundaryFeatures } from '../../../src/lib/map/boundary-file';
import { checkWardFeatures } from '../../../src/lib/map/ward-boundary-checks';
import { ArcGisStandIn } from '../../support/arcgis-stand-in';
import { WARD_FILES } from '../../support/shared-data';

const standIn = new ArcGisStandIn([WARD_FILES.england]);
let serviceUrl: string;
beforeAll(async () => {
  serviceUrl = await standIn.start();
});
afterAll(() => standIn.stop());

describe('downloading wards from the ONS ArcGIS service', () => {
  it('pages past the 2,000-feature cap until every ward of every local authority has arrived', async () => {
    const ladCodes = [...new Set(standIn.features.map((f) => String(f.properties?.LAD25CD)))];
    expect(ladCodes).toHaveLength(296);
    const progress: number[] = [];
    standIn.pagesServed = 0;
    const collection = await downloadOnsWards({ serviceUrl, ladCodes, fetch, onProgress: ({ received }) => progress.push(received) });
    expect(standIn.pagesServed).toBe(4);
    expect(progress).toEqual([0, 2000, 4000, 6000, 6826]);
    const { wards, problems } = checkWardFeatures(readBoundaryFeatures(JSON.stringify(collection)));
    expect(problems).toEqual([]);
    expect(new Set(wards.map((w) => w.code)).size).toBe(6826);
  });

  it('brings just the wards of the local authorities asked for', async () => {
    const collection = await downloadOnsWards({ serviceUrl, ladCodes: parseLadCodes('E08000035'), fetch });
    expect(collection.features).toHaveLength(33);
  });

  it('fails with a plain reason when the service fails part-way', async () => {
    const ladCodes = [...new Set(standIn.features.map((f) => String(f.properties?.LAD25CD)))];
    standIn.pagesServed = 0;
    standIn.failOnPage = 2;
    try {
      await expect(downloadOnsWards({ serviceUrl, ladCodes, fetch })).rejects.toThrow(OnsDownloadError);
    } finally {
      standIn.failOnPage = null;
    }
  });

  it('refuses local authority codes that are not codes', () => {
    expect(() => parseLadCodes('E08000035, Leeds')).toThrow('These are not local authority codes: LEEDS');
    expect(() => parseLadCodes('  ')).toThrow('Enter at least one local authority code');
    expect(parseLadCodes('e08000035\nE06000015 E06000015')).toEqual(['E08000035', 'E06000015']);
  });
});
