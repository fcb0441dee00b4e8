import * as z from 'zod/mini';
import { NetworkName, ThemeNames } from './network';
import { Ward } from './ward';

/** A ward as imported from a boundary file: its identity and its GeoJSON geometry. */
export const WardWithBoundary = z.extend(Ward, {
  boundary: z.object({
    type: z.enum(['Polygon', 'MultiPolygon']),
    coordinates: z.array(z.unknown())
  })
});
export type WardWithBoundary = z.infer<typeof WardWithBoundary>;

/** Everything first-run set-up needs: the network's name, its themes and its wards. */
export const NetworkSetup = z.object({
  name: NetworkName,
  themeNames: ThemeNames,
  wards: z.array(WardWithBoundary).check(z.minLength(1, 'The boundary file holds no wards'))
});
export type NetworkSetup = z.infer<typeof NetworkSetup>;
