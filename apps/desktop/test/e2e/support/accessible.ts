import type { Locator } from 'playwright-core';

/** What a screen reader reads after a control's name: the text of the elements its aria-describedby names. */
export function accessibleDescription(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent.trim() ?? `#${id} missing`)
      .join(' '),
  );
}
