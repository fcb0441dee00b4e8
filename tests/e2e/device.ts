import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, BrowserType, LaunchOptions, Page } from '@playwright/test';
import type { Conversation } from '../../src/lib/domain/conversation';

/**
 * Chromium 150 starts a page loaded under offline emulation with `navigator.onLine` true (and so
 * no "online" event when the emulation ends), unlike a device without signal. While `set(true)`,
 * each page of the context that loads has the emulation set again, so it reads offline as a
 * tablet would. Only the test harness is corrected; the app is not told anything.
 */
export function keepOfflineTruthful(context: BrowserContext): { set(offline: boolean): void } {
  let offline = false;
  const reassert = async () => {
    if (!offline) return;
    await context.setOffline(false);
    await context.setOffline(true);
  };
  const watch = (page: Page) => page.on('load', () => void reassert().catch(() => undefined));
  context.pages().forEach(watch);
  context.on('page', watch);
  return { set: (value) => void (offline = value) };
}

/**
 * A tablet: a browser profile kept on disk, so closing and launching it again is a browser restart
 * with IndexedDB, the service worker and its caches as they were.
 */
export class Tablet {
  readonly profileDir = mkdtempSync(join(tmpdir(), 'anchor-tablet-'));
  context!: BrowserContext;
  page!: Page;
  offline = false;

  constructor(
    private readonly browserType: BrowserType,
    private readonly launchOptions: LaunchOptions,
    private readonly baseURL: string
  ) {}

  async open(): Promise<Page> {
    this.context = await this.browserType.launchPersistentContext(this.profileDir, {
      ...this.launchOptions,
      baseURL: this.baseURL,
      serviceWorkers: 'allow',
      offline: this.offline
    });
    this.#offlineState = keepOfflineTruthful(this.context);
    this.#offlineState.set(this.offline);
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    return this.page;
  }

  #offlineState: { set(offline: boolean): void } | null = null;

  async setOffline(offline: boolean): Promise<void> {
    this.offline = offline;
    this.#offlineState?.set(offline);
    await this.context.setOffline(offline);
  }

  async restart(): Promise<Page> {
    await this.context.close();
    return this.open();
  }

  async dispose(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/** Reads a store of the app's IndexedDB database straight from the browser, as it is on disk. */
export function readDeviceStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const opening = indexedDB.open('anchor-listening');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const request = opening.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            opening.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store
  );
}

/** Every record of every store of the app's IndexedDB database, straight from the browser, as one text. */
export function readEveryDeviceStore(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const opening = indexedDB.open('anchor-listening');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const requests = names.map((name) => tx.objectStore(name).getAll());
          tx.oncomplete = () => {
            db.close();
            resolve(requests.map((request, i) => `${names[i]}: ${JSON.stringify(request.result)}`).join('\n'));
          };
          tx.onerror = () => reject(tx.error);
        };
      })
  );
}

/**
 * Puts conversations recorded by `workerId` on the device as the app keeps them (device database
 * version 4, `saveConversation`): each with its worker and its waiting outbox entry.
 */
export async function seedDevice(page: Page, conversations: Conversation[], workerId: string) {
  await page.evaluate(async ({ items, workerId }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('anchor-listening');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['conversations', 'outbox'], 'readwrite');
      for (const conversation of items) {
        const changeId = conversation.id; // unique and time-ordered, like the app's own change ids
        tx.objectStore('conversations').put({ ...conversation, savedAt: conversation.recordedAt, revision: 1, workerId });
        tx.objectStore('outbox').put({
          changeId,
          conversationId: conversation.id,
          queuedAt: conversation.recordedAt,
          change: { op: 'create', changeId, workerId, conversation }
        });
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { items: conversations, workerId });
}
