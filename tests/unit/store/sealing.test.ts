import { describe, expect, it } from 'vitest';
import { SealingKeysSettingError, sealingKeysFromEnv } from '../../../src/lib/server/sealing-keys';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import { describeSealing } from './sealing-contract';

describeSealing('PGlite', () => openPgliteDatabase());

describe('SEALING_PRIVATE_KEYS set wrong', () => {
  it('is refused in words that say what to give', () => {
    for (const value of ['not json', '[]', '[{"kty":"EC","crv":"P-256","x":"a","y":"b"}]', '{"kid":"a"}']) {
      expect(() => sealingKeysFromEnv({ SEALING_PRIVATE_KEYS: value })).toThrow(SealingKeysSettingError);
    }
    expect(sealingKeysFromEnv({})).toBeNull();
    expect(sealingKeysFromEnv({ SEALING_PRIVATE_KEYS: '  ' })).toBeNull();
  });
});
