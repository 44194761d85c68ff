import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { renderCard } from './cardImage';

/** A text input by its accessible name (the label, without the required field's "*"). */
export const field = (form: Locator, label: string) => form.getByRole('textbox', { name: label, exact: true });

export async function newVisitorWithCard(page: Page, scale = 1): Promise<Locator> {
  await page.getByRole('button', { name: 'New visitor' }).click();
  const form = page.getByRole('form', { name: 'New visitor' });
  const card = await renderCard(page, { scale });
  await form.getByLabel('Business card photo', { exact: true }).setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: card });
  await expectPhotoShown(form);
  return form;
}

/** The thumbnail is there and its image decoded. */
export async function expectPhotoShown(form: Locator): Promise<void> {
  const thumbnail = form.getByRole('img', { name: 'Business card photo' });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
}
