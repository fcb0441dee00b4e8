/** The browser's install offer (Chromium's `beforeinstallprompt`), kept until the worker asks for it. */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Invites installation: an installed app keeps its storage (Safari clears a site's data after
 * 7 days without a visit unless it is on the home screen) and opens like any other app.
 */
export class AppInstall {
  installed = $state(false);
  canPrompt = $state(false);
  #offer: InstallPromptEvent | null = null;

  listen(): void {
    this.installed = window.matchMedia('(display-mode: standalone)').matches;
    window.addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault(); // offered by the app's own button, not a browser bar mid-conversation
      this.#offer = event as InstallPromptEvent;
      this.canPrompt = true;
    });
    window.addEventListener('appinstalled', () => {
      this.installed = true;
      this.canPrompt = false;
    });
  }

  async install(): Promise<void> {
    if (!this.#offer) return;
    await this.#offer.prompt();
    if ((await this.#offer.userChoice).outcome === 'accepted') this.installed = true;
    this.#offer = null;
    this.canPrompt = false;
  }
}

let appInstall: AppInstall | undefined;

export function getAppInstall(): AppInstall {
  appInstall ??= new AppInstall();
  return appInstall;
}
