import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoundaryFileError, parseWardBoundaryFile } from '../../../src/lib/map/ward-boundaries';
import { WARD_FILES } from '../../support/shared-data';

const feature = (properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [[[-1.5, 53.8], [-1.4, 53.8], [-1.4, 53.9], [-1.5, 53.8]]] }
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('reading an ONS ward boundary file', () => {
  it('reads all 33 Leeds wards with names and local authority', () => {
    const wards = parseWardBoundaryFile(readFileSync(WARD_FILES.leeds, 'utf8'));
    expect(wards).toHaveLength(33);
    expect(wards.every((w) => w.localAuthorityCode === 'E08000035' && w.localAuthorityName === 'Leeds')).toBe(true);
    expect(wards.find((w) => w.name === 'Armley')?.code).toBe('E05011385');
    expect(wards.every((w) => w.boundary.type === 'Polygon' || w.boundary.type === 'MultiPolygon')).toBe(true);
  });

  it('reads all 176 Derby and Derbyshire wards across their local authorities', () => {
    const wards = parseWardBoundaryFile(readFileSync(WARD_FILES.derby, 'utf8'));
    expect(wards).toHaveLength(176);
    expect(new Set(wards.map((w) => w.localAuthorityCode)).size).toBe(9);
  });

  it('recognises the fields of any year and any case', () => {
    const text = collection(feature({ wd22cd: 'E05000001', wd22nm: 'Old Ward', lad22cd: 'E09000001', lad22nm: 'City' }));
    expect(parseWardBoundaryFile(text)[0]).toMatchObject({ code: 'E05000001', name: 'Old Ward', localAuthorityName: 'City' });
  });

  it.each([
    ['text that is not JSON', 'not json at all', 'not valid JSON'],
    ['JSON that is not a FeatureCollection', '{"type":"Feature"}', 'expected a FeatureCollection'],
    ['an empty FeatureCollection', collection(), 'holds no wards'],
    ['features without ward code properties', collection(feature({ code: 'E05000001', name: 'X' })), 'no ward code property'],
    ['a ward without its local authority', collection(feature({ WD25CD: 'E05000001', WD25NM: 'X' })), 'Ward E05000001'],
    ['a bad ward code', collection(feature({ WD25CD: 'X123', WD25NM: 'X', LAD25CD: 'E09000001', LAD25NM: 'C' })), 'ONS GSS code'],
    [
      'the same ward twice',
      collection(
        feature({ WD25CD: 'E05000001', WD25NM: 'X', LAD25CD: 'E09000001', LAD25NM: 'C' }),
        feature({ WD25CD: 'E05000001', WD25NM: 'X', LAD25CD: 'E09000001', LAD25NM: 'C' })
      ),
      'appears twice'
    ]
  ])('refuses %s with a one-line reason', (_, text, expected) => {
    let error: unknown;
    try {
      parseWardBoundaryFile(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BoundaryFileError);
    expect((error as Error).message).toContain(expected);
    expect((error as Error).message).not.toContain('\n');
  });
});
