/**
 * After a successful form action SvelteKit resets focus as a page load would: to the body, or, on
 * the next task, to the element the URL's fragment names (left there by an error-summary link).
 * Called after `update()`, this puts focus back where the coordinator was working once that has
 * happened, so keyboard and screen-reader users keep their place.
 */
export function focusAfterSave(target: () => HTMLElement | null | undefined): void {
  setTimeout(() => target()?.focus());
}
