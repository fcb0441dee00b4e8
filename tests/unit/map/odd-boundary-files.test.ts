import { describe, expect, it } from 'vitest';
import { BoundaryFileError, readBoundaryFeatures } from '../../../src/lib/map/boundary-file';
import { checkWardFeatures } from '../../../src/lib/map/ward-boundary-checks';

const PROPERTIES = { WD25CD: 'E05011385', WD25NM: 'Armley', LAD25CD: 'E08000035', LAD25NM: 'Leeds' };
const SQUARE = [[-1.6, 53.8], [-1.59, 53.8], [-1.59, 53.81], [-1.6, 53.8]];
const topology = (objects: unknown, arcs: unknown = [SQUARE]) => JSON.stringify({ type: 'Topology', objects, arcs });
const polygon = (extra: Record<string, unknown> = {}) => ({ type: 'Polygon', arcs: [[0]], properties: PROPERTIES, ...extra });

/** What a coordinator is told: the file's one-line reason, or the problems ward by ward; never a crash. */
function verdict(text: string): string {
  try {
    const { problems } = checkWardFeatures(readBoundaryFeatures(text));
    return problems.length === 0 ? 'imported' : problems.map((p) => `${p.ward}: ${p.problem}`).join('; ');
  } catch (error) {
    if (error instanceof BoundaryFileError) return error.message;
    throw error;
  }
}

describe('odd boundary files are the file’s problem, never a server error (issue 11)', () => {
  it('reads a well-formed one', () => expect(verdict(topology({ wards: { type: 'GeometryCollection', geometries: [polygon()] } }))).toBe('imported'));

  it.each([
    ['objects missing', JSON.stringify({ type: 'Topology', arcs: [SQUARE] })],
    ['an object that is a number', topology({ wards: 7 })],
    ['an object that is null', topology({ wards: null })],
    ['arcs that are not lists', topology({ wards: polygon({ arcs: 5 }) })],
    ['an arc past the arcs', topology({ wards: polygon({ arcs: [[99]] }) })],
    ['a geometry of an unknown type', topology({ wards: { type: 'Hexagon', arcs: [[0]], properties: PROPERTIES } })],
    ['geometries that are not a list', topology({ wards: { type: 'GeometryCollection', geometries: 'all of them' } })],
    ['properties that are not an object', topology({ wards: polygon({ properties: 'Armley' }) })],
    ['the arcs themselves not lists', topology({ wards: polygon() }, [5])],
    ['huge coordinates', topology({ wards: polygon() }, [[[1e308, 1e308], [-1e308, 1e308], [1e308, -1e308], [1e308, 1e308]]])],
    ['coordinates past any number (Infinity)', topology({ wards: polygon() }, '[[[1e999, 0], [0, 0], [0, 1], [1e999, 0]]]' as unknown)],
    ['a transform of text', JSON.stringify({ type: 'Topology', transform: { scale: ['a', 'b'], translate: [0, 0] }, objects: { wards: polygon() }, arcs: [SQUARE] })],
    ['deep nesting', topology({ wards: polygon({ arcs: JSON.parse('['.repeat(2000) + ']'.repeat(2000)) }) })],
    ['a GeoJSON point that is a number', JSON.stringify({ type: 'FeatureCollection', features: [{ properties: PROPERTIES, geometry: { type: 'Polygon', coordinates: [[0, 1, 2, 3]] } }] })],
    ['duplicate codes', topology({ wards: { type: 'GeometryCollection', geometries: [polygon(), polygon()] } })]
  ])('%s', (_, text) => {
    const told = verdict(text.replace('"[[[1e999', '[[[1e999').replace(']]]"', ']]]'));
    expect(told).not.toBe('imported');
    expect(told.length).toBeGreaterThan(0);
  });
});
