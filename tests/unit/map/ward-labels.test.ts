import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { insideGeometry, labelFits, labelLines, labelPoint, wardsAspect } from '../../../src/lib/map/ward-labels';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const square = (x0: number, y0: number, size: number): number[][] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0]
];

describe('where a ward’s name goes', () => {
  it('puts it in the middle of a square, and inside a U where its box’s centre is outside', () => {
    const [lon, lat] = labelPoint({ type: 'Polygon', coordinates: [square(0, 0, 1)] });
    expect(lon).toBeCloseTo(0.5, 1);
    expect(lat).toBeCloseTo(0.5, 1);
    // A U open at the top: the box's centre (2, 2) is in the gap.
    const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [3, 4], [3, 1], [1, 1], [1, 4], [0, 4], [0, 0]]] };
    expect(insideGeometry(u, 2, 2)).toBe(false);
    const [x, y] = labelPoint(u);
    expect(insideGeometry(u, x, y)).toBe(true);
  });

  it('picks the roomier part of a ward in two pieces, and keeps out of a hole', () => {
    const [lon] = labelPoint({ type: 'MultiPolygon', coordinates: [[square(0, 0, 0.1)], [square(5, 0, 2)]] });
    expect(lon).toBeGreaterThan(5);
    const ring: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 3), square(1, 1, 1).reverse()] };
    const [x, y] = labelPoint(ring);
    expect(insideGeometry(ring, x, y)).toBe(true);
    expect(x > 1 && x < 2 && y > 1 && y < 2).toBe(false);
  });

  it('finds a point inside every Leeds ward', () => {
    for (const ward of networkSetupFromFile(WARD_FILES.leeds).wards) {
      const [lon, lat] = labelPoint(ward.boundary as Polygon);
      expect(insideGeometry(ward.boundary as Polygon, lon, lat), ward.name).toBe(true);
    }
  });
});

describe('whether a name fits', () => {
  const ward: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 1)] };
  // A screen of 100 pixels per degree, y downwards.
  const toLonLat = (x: number, y: number): [number, number] => [x / 100, 1 - y / 100];

  it('fits a label smaller than the ward at this zoom, and not one wider than it', () => {
    expect(labelFits(ward, { x: 50, y: 50 }, { width: 80, height: 20 }, toLonLat)).toBe(true);
    expect(labelFits(ward, { x: 50, y: 50 }, { width: 120, height: 20 }, toLonLat)).toBe(false);
    expect(labelFits(ward, { x: 50, y: 50 }, { width: 20, height: 120 }, toLonLat)).toBe(false);
    // Zoomed out to 10 pixels per degree, the same label no longer fits.
    expect(labelFits(ward, { x: 5, y: 5 }, { width: 80, height: 20 }, (x, y) => [x / 10, 1 - y / 10])).toBe(false);
  });

  it('offers a long name on one line, then on two split near its middle', () => {
    expect(labelLines('Armley')).toEqual([['Armley']]);
    expect(labelLines('Headingley & Hyde Park')).toEqual([['Headingley & Hyde Park'], ['Headingley &', 'Hyde Park']]);
    expect(labelLines('Ardsley & Robin Hood')).toEqual([['Ardsley & Robin Hood'], ['Ardsley &', 'Robin Hood']]);
  });
});

describe('the map’s shape', () => {
  it('is wider than tall for Leeds, as Web Mercator draws it', () => {
    const aspect = wardsAspect(networkSetupFromFile(WARD_FILES.leeds).wards.map((w) => w.boundary as Polygon));
    expect(aspect).toBeGreaterThan(1.1);
    expect(aspect).toBeLessThan(2);
    expect(wardsAspect([])).toBe(1);
  });
});
