import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBoundaryFeatures } from '../../../src/lib/map/boundary-file';
import { checkWardFeatures } from '../../../src/lib/map/ward-boundary-checks';
import { WARD_FILES } from '../../support/shared-data';

const check = (file: string) => checkWardFeatures(readBoundaryFeatures(readFileSync(file, 'utf8')));

const ring = [[-1.5, 53.8], [-1.4, 53.8], [-1.4, 53.9], [-1.5, 53.8]];
const ward = (code: string, coordinates: unknown = [ring], type = 'Polygon') => ({
  type: 'Feature',
  properties: { WD25CD: code, WD25NM: `Ward ${code}`, LAD25CD: 'E08000035', LAD25NM: 'Leeds' },
  geometry: coordinates === null ? null : { type, coordinates }
});

describe('checking an ONS boundary file ward by ward', () => {
  it('reads Leeds (33), Derby and Derbyshire (176) and the England TopoJSON (6,826) with names and local authorities', () => {
    const leeds = check(WARD_FILES.leeds);
    expect([leeds.wards.length, leeds.problems, leeds.year]).toEqual([33, [], '2025']);
    expect(check(WARD_FILES.derby).wards).toHaveLength(176);
    const england = check(WARD_FILES.england);
    expect(england.problems).toEqual([]);
    expect(england.wards).toHaveLength(6826);
    expect(new Set(england.wards.map((w) => w.localAuthorityCode)).size).toBe(296);
    expect(england.wards.find((w) => w.code === 'E05011385')).toMatchObject({ name: 'Armley', localAuthorityName: 'Leeds' });
  });

  it('lists every problem by ward: unclosed ring, duplicate code, bad code, latitude out of range, empty geometry', () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        ward('E05000001', [[[-1.5, 53.8], [-1.4, 53.8], [-1.4, 53.9], [-1.45, 53.85]]]),
        ward('E05000002'),
        ward('E05000002'),
        ward('E0500000X'),
        ward('E05000003', [[[-1.5, 53.8], [-1.4, 153.8], [-1.4, 53.9], [-1.5, 53.8]]]),
        ward('E05000004', null),
        ward('E05000005', [[[400000, 430000], [410000, 430000], [410000, 440000], [400000, 430000]]]),
        ward('E05000006')
      ]
    };
    const { wards, problems } = checkWardFeatures(readBoundaryFeatures(JSON.stringify(file)));
    expect(problems).toEqual([
      { ward: 'E05000001', problem: 'a boundary ring is not closed (its last point is not its first)' },
      { ward: 'E05000002', problem: 'this ward code appears twice (or more) in the file' },
      { ward: 'E0500000X', problem: expect.stringContaining('its code is not right: A ward code is an ONS GSS code') },
      { ward: 'E05000003', problem: expect.stringContaining('outside WGS84 longitude/latitude') },
      { ward: 'E05000004', problem: 'it has no boundary (empty geometry)' },
      { ward: 'E05000005', problem: expect.stringContaining('is the file in British National Grid?') }
    ]);
    expect(wards.map((w) => w.code)).toEqual(['E05000002', 'E05000002', 'E05000006']);
  });
});
