import { describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  persistenceMessage,
  readStorageEstimate,
  requestPersistentStorage,
  storageUsedMessage
} from '../../../src/lib/client/device-storage';

/** A StorageManager as a browser might answer; `grants` is what persist() would say. */
function fakeStorage(options: {
  persisted?: boolean;
  grants?: boolean;
  estimate?: StorageEstimate | (() => Promise<StorageEstimate>);
}) {
  let persisted = options.persisted ?? false;
  const storage = {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => {
      persisted = options.grants ?? false;
      return persisted;
    }),
    estimate: vi.fn(
      typeof options.estimate === 'function' ? options.estimate : async () => options.estimate ?? {}
    ),
    getDirectory: vi.fn()
  };
  return storage as typeof storage & StorageManager;
}

describe('requestPersistentStorage', () => {
  it('does not ask again when the browser already keeps the data', async () => {
    const storage = fakeStorage({ persisted: true });
    expect(await requestPersistentStorage(storage)).toBe('persisted');
    expect(storage.persist).not.toHaveBeenCalled();
  });

  it('asks once and reports a grant', async () => {
    const storage = fakeStorage({ persisted: false, grants: true });
    expect(await requestPersistentStorage(storage)).toBe('persisted');
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });

  it('reports a refusal as not persisted (browsers often refuse sites that are not installed)', async () => {
    const storage = fakeStorage({ persisted: false, grants: false });
    expect(await requestPersistentStorage(storage)).toBe('not-persisted');
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });

  it('is unsupported without a StorageManager or its persistence methods', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({} as StorageManager)).toBe('unsupported');
  });

  it('is not persisted when the browser can say but not ask', async () => {
    const storage = { persisted: async () => false } as unknown as StorageManager;
    expect(await requestPersistentStorage(storage)).toBe('not-persisted');
  });

  it('is unsupported when the browser throws instead of answering', async () => {
    const storage = fakeStorage({});
    storage.persisted.mockRejectedValueOnce(new DOMException('Not allowed', 'SecurityError'));
    expect(await requestPersistentStorage(storage)).toBe('unsupported');
  });
});

describe('persistenceMessage', () => {
  it('says plainly what each answer means for saved conversations', () => {
    expect(persistenceMessage('persisted')).toBe(
      'This browser will keep conversations saved on this device until they sync, even when space runs low.'
    );
    expect(persistenceMessage('not-persisted')).toBe(
      'This browser may delete conversations saved here if the device runs low on space or the app is not opened for a while. Install the app (Add to Home Screen) and sync often.'
    );
    expect(persistenceMessage('unsupported')).toMatch(/^This browser does not say whether it will keep conversations saved here\./);
    expect(persistenceMessage('unsupported')).toContain('Install the app (Add to Home Screen) and sync often.');
  });
});

describe('readStorageEstimate', () => {
  it('returns what is used and what may be used, in bytes', async () => {
    const storage = fakeStorage({ estimate: { usage: 3_100_000, quota: 1_200_000_000 } });
    expect(await readStorageEstimate(storage)).toEqual({ usedBytes: 3_100_000, quotaBytes: 1_200_000_000 });
  });

  it('is null when the browser does not say, or fails to', async () => {
    expect(await readStorageEstimate(undefined)).toBeNull();
    expect(await readStorageEstimate({} as StorageManager)).toBeNull();
    expect(await readStorageEstimate(fakeStorage({ estimate: { usage: 10 } }))).toBeNull();
    expect(await readStorageEstimate(fakeStorage({ estimate: { usage: Number.NaN, quota: 10 } }))).toBeNull();
    const failing = fakeStorage({ estimate: () => Promise.reject(new TypeError('estimate failed')) });
    expect(await readStorageEstimate(failing)).toBeNull();
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1 KB'],
    [1530, '1.5 KB'],
    [3_100_000, '3.1 MB'],
    [999_960, '1 MB'],
    [150_340_000, '150.3 MB'],
    [1_200_000_000, '1.2 GB'],
    [2_000_000_000_000, '2 TB']
  ])('%d bytes reads as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('refuses what is not a byte count', () => {
    expect(() => formatBytes(-1)).toThrow(RangeError);
    expect(() => formatBytes(Number.NaN)).toThrow(RangeError);
  });
});

describe('storageUsedMessage', () => {
  it('says what is used of what is available', () => {
    expect(storageUsedMessage({ usedBytes: 3_100_000, quotaBytes: 1_200_000_000 })).toBe('3.1 MB of 1.2 GB available');
  });

  it('says so when the browser does not tell', () => {
    expect(storageUsedMessage(null)).toBe('This browser does not say how much space is used.');
  });
});
