import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locateWard } from '../../../src/lib/map/locate-ward';
import { parseWardBoundaryFile } from '../../../src/lib/map/ward-boundaries';
import { WARD_FILES } from '../../support/shared-data';

const file = JSON.parse(readFileSync(WARD_FILES.leeds, 'utf8')) as {
  features: { properties: { WD25CD: string; LONG: number; LAT: number } }[];
};
const wards = parseWardBoundaryFile(readFileSync(WARD_FILES.leeds, 'utf8'));

describe('finding the ward of a position offline', () => {
  it('puts each Leeds ward’s ONS reference point in that ward', () => {
    for (const { properties } of file.features) {
      expect(locateWard(wards, properties.LONG, properties.LAT), properties.WD25CD).toBe(properties.WD25CD);
    }
  });

  it('finds Armley from a point on Armley Town Street', () => {
    expect(locateWard(wards, -1.5898, 53.7985)).toBe('E05011385');
  });

  it('finds no ward outside Leeds', () => {
    expect(locateWard(wards, -0.1276, 51.5072)).toBeNull(); // London
    expect(locateWard(wards, 2.0, 54.0)).toBeNull(); // North Sea
  });
});
