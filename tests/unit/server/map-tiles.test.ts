import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapTilesFromEnv } from '../../../src/lib/server/map-tiles';

describe('base-map tiles from the settings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows no tiles by default, so the boundaries draw offline', () => {
    expect(mapTilesFromEnv({})).toEqual({ url: null, attribution: null });
    expect(mapTilesFromEnv({ MAP_TILE_URL: '  ' })).toEqual({ url: null, attribution: null });
  });

  it('takes a tile URL template and its credit', () => {
    expect(
      mapTilesFromEnv({ MAP_TILE_URL: ' https://tile.example.org/{z}/{x}/{y}.png ', MAP_TILE_ATTRIBUTION: '© Example contributors' })
    ).toEqual({ url: 'https://tile.example.org/{z}/{x}/{y}.png', attribution: '© Example contributors' });
  });

  it('ignores, with a warning for the administrator, a URL that is not an http(s) template with {z}, {x} and {y}', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(mapTilesFromEnv({ MAP_TILE_URL: 'https://tile.example.org/{z}/{x}.png' })).toEqual({ url: null, attribution: null });
    expect(mapTilesFromEnv({ MAP_TILE_URL: 'javascript:alert(1)//{z}{x}{y}' })).toEqual({ url: null, attribution: null });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toContain('MAP_TILE_URL');
  });
});
