import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import * as z from 'zod/mini';

/** A boundary file could not be read at all; the message says what to fix, in one line. */
export class BoundaryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoundaryFileError';
  }
}

/** What boundary checks need of a feature: its properties and its geometry, unchecked. */
export interface RawFeature {
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates?: unknown } | null;
}

const RawFeatureShape = z.object({
  properties: z.nullable(z.record(z.string(), z.unknown())),
  geometry: z.nullable(z.object({ type: z.string(), coordinates: z.optional(z.unknown()) }))
});

const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(RawFeatureShape)
});

const TopologyShape = z.object({ type: z.literal('Topology'), objects: z.record(z.string(), z.unknown()), arcs: z.array(z.unknown()) });

/**
 * The features of a boundary file, GeoJSON (a FeatureCollection) or TopoJSON (every object of the
 * topology, as ONS and mapshaper write them), or a one-line reason it cannot be read.
 */
export function readBoundaryFeatures(text: string): RawFeature[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BoundaryFileError('The ward boundary file is not GeoJSON or TopoJSON: it is not valid JSON.');
  }
  if (TopologyShape.safeParse(json).success) {
    const topology = json as Topology;
    try {
      return Object.values(topology.objects).flatMap((object) => {
        const converted = feature(topology, object as never) as unknown;
        if (FeatureCollection.safeParse(converted).success) return (converted as { features: RawFeature[] }).features;
        if (!RawFeatureShape.safeParse(converted).success) throw new TypeError('not a feature');
        return [converted as RawFeature];
      });
    } catch {
      // topojson-client trusts its input: arcs that are not lists, unknown geometry types or
      // indices past the arcs make it throw. The file is at fault, not the server.
      throw new BoundaryFileError(
        'The ward boundary file is not valid TopoJSON: its objects must be Polygon or MultiPolygon geometries whose arcs are lists of arc numbers.'
      );
    }
  }
  const collection = FeatureCollection.safeParse(json);
  if (!collection.success) {
    throw new BoundaryFileError(
      'The ward boundary file is not GeoJSON or TopoJSON: expected a FeatureCollection with a "features" list, or a Topology.'
    );
  }
  return collection.data.features;
}
