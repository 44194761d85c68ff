import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { signUp, visitorRow } from './support/app';

interface Capture {
  name: string;
  company?: string;
  title?: string;
  /** "1 star" … "5 stars"; none: not rated. */
  stars?: string;
  followUp?: boolean;
  /** A `datetime-local` value; none: now. */
  capturedAt?: string;
}

/** Captures a visitor through the form, as a person at the booth does. */
async function capture(page: Page, visitor: Capture): Promise<void> {
  await page.getByRole('button', { name: 'New visitor' }).click();
  const form = page.getByRole('form', { name: 'New visitor' });
  await form.getByLabel('Name').fill(visitor.name);
  if (visitor.company) await form.getByLabel('Company').fill(visitor.company);
  if (visitor.title) await form.getByLabel('Title').fill(visitor.title);
  if (visitor.stars) await form.getByRole('radiogroup', { name: 'Rating' }).getByRole('radio', { name: visitor.stars, exact: true }).check();
  if (visitor.followUp) await form.getByRole('checkbox', { name: 'Follow up' }).check();
  if (visitor.capturedAt) await form.getByLabel('Captured at').fill(visitor.capturedAt);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

/** Yesterday at 10:00 on this machine's clock (the browser's too), as a `datetime-local` value. */
function yesterdayMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

const rows = (page: Page) => page.getByRole('list', { name: 'Visitors' }).getByRole('button');
const filter = (page: Page, name: string) => page.getByRole('group', { name: 'Filters' }).getByRole('button', { name, exact: true });

async function seed(page: Page): Promise<void> {
  await capture(page, { name: 'Cleo Park', company: 'Acme', title: 'CTO', stars: '5 stars', followUp: true, capturedAt: yesterdayMorning() });
  await capture(page, { name: 'Ada Byron', company: 'Globex', title: 'Buyer', stars: '4 stars' });
  await capture(page, { name: 'Bo Chen', company: 'Initech', followUp: true });
}

test('the list: newest first, sorted by name or rating, each row with its stars and follow-up flag, the summary and the filters', async ({ page, account }) => {
  await signUp(page, account);
  await seed(page);

  await expect(rows(page)).toHaveText([/^Bo Chen/, /^Ada Byron/, /^Cleo Park/]);
  await expect(page.getByLabel('Sort')).toHaveValue('recent');
  await expect(page.getByText('3 visitors · 2 today · 2 to follow up')).toBeVisible();

  const cleo = visitorRow(page, 'Cleo Park');
  await expect(cleo).toContainText('Acme · CTO');
  await expect(cleo.getByRole('img', { name: 'Rating 5 of 5' })).toBeVisible();
  await expect(cleo.getByText('Follow up', { exact: true })).toBeVisible();
  await expect(visitorRow(page, 'Ada Byron').getByRole('img', { name: 'Rating 4 of 5' })).toBeVisible();
  await expect(visitorRow(page, 'Ada Byron').getByText('Follow up', { exact: true })).toHaveCount(0);
  await expect(visitorRow(page, 'Bo Chen').getByRole('img')).toHaveCount(0);

  await page.getByLabel('Sort').selectOption({ label: 'Name' });
  await expect(rows(page)).toHaveText([/^Ada Byron/, /^Bo Chen/, /^Cleo Park/]);
  await page.getByLabel('Sort').selectOption({ label: 'Rating' });
  await expect(rows(page)).toHaveText([/^Cleo Park/, /^Ada Byron/, /^Bo Chen/]);
  await page.getByLabel('Sort').selectOption({ label: 'Recently captured' });
  await expect(rows(page)).toHaveText([/^Bo Chen/, /^Ada Byron/, /^Cleo Park/]);

  await filter(page, 'Today').click();
  await expect(filter(page, 'Today')).toHaveAttribute('aria-pressed', 'true');
  await expect(rows(page)).toHaveText([/^Bo Chen/, /^Ada Byron/]);
  await filter(page, 'Follow up').click();
  await expect(rows(page)).toHaveText([/^Bo Chen/]);
  await filter(page, 'Today').click();
  await expect(filter(page, 'Today')).toHaveAttribute('aria-pressed', 'false');
  await expect(rows(page)).toHaveText([/^Bo Chen/, /^Cleo Park/]);
  await filter(page, 'Follow up').click();
  await filter(page, 'Hot (4–5)').click();
  await expect(rows(page)).toHaveText([/^Ada Byron/, /^Cleo Park/]);
  await page.getByLabel('Search').fill('acme');
  await expect(rows(page)).toHaveText([/^Cleo Park/]);
  await page.getByLabel('Search').fill('initech');
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByText('No visitors match your search.')).toBeVisible();
  await page.getByLabel('Search').fill('');
  await filter(page, 'Hot (4–5)').click();
  await expect(rows(page)).toHaveCount(3);
  // The summary counts everyone, whatever the filters.
  await expect(page.getByText('3 visitors · 2 today · 2 to follow up')).toBeVisible();

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the rating is a radio group of five stars, chosen and cleared by keyboard', async ({ page, account }) => {
  await signUp(page, account);
  await capture(page, { name: 'Bo Chen' });
  await visitorRow(page, 'Bo Chen').click();
  const form = page.getByRole('form', { name: 'Edit visitor' });
  const rating = form.getByRole('radiogroup', { name: 'Rating' });
  await expect(rating.getByRole('radio')).toHaveCount(6);
  await expect(rating.getByRole('radio', { name: 'No rating' })).toBeChecked();
  await rating.getByRole('radio', { name: 'No rating' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: '3 stars' })).toBeChecked();
  await expect(rating.getByRole('radio', { name: '3 stars' })).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('form').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(visitorRow(page, 'Bo Chen').getByRole('img', { name: 'Rating 3 of 5' })).toBeVisible();

  await visitorRow(page, 'Bo Chen').click();
  await expect(rating.getByRole('radio', { name: '3 stars' })).toBeChecked();
  await rating.getByRole('radio', { name: '3 stars' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: '5 stars' })).toBeChecked();
  // Past the last star the arrow wraps round to "No rating": back to unrated.
  await page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: 'No rating' })).toBeChecked();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(visitorRow(page, 'Bo Chen').getByRole('img')).toHaveCount(0);
});

test('at 1,280 px the list and the open visitor sit side by side; at 390 px one at a time', async ({ page, account }) => {
  await signUp(page, account);
  await capture(page, { name: 'Ada Byron' });
  const list = page.getByRole('list', { name: 'Visitors' });
  const form = page.getByRole('form', { name: 'Edit visitor' });

  await page.setViewportSize({ width: 1280, height: 800 });
  await visitorRow(page, 'Ada Byron').click();
  await expect(form).toBeVisible();
  await expect(list).toBeVisible();
  const listBox = (await list.boundingBox())!;
  const formBox = (await form.boundingBox())!;
  expect(formBox.x).toBeGreaterThanOrEqual(listBox.x + listBox.width);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();

  await page.setViewportSize({ width: 390, height: 844 });
  await visitorRow(page, 'Ada Byron').click();
  await expect(form).toBeVisible();
  await expect(list).toBeHidden();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await expect(list).toBeVisible();
});

test('10,000 visitors: the summary, each order and a filter read the right rows, and scrolling reaches the last', async ({ page, account }) => {
  await signUp(page, account);
  await page.waitForFunction(() => window.outpostQA !== undefined);
  await page.evaluate(() => window.outpostQA!.createVisitors(10_000, 'Bulk'));
  await expect(page.getByText('10,000 visitors · 10,000 today · 0 to follow up')).toBeVisible();
  await capture(page, { name: 'Zed Last', stars: '5 stars', followUp: true });
  await expect(page.getByText('10,001 visitors · 10,001 today · 1 to follow up')).toBeVisible();

  await page.getByLabel('Sort').selectOption({ label: 'Name' });
  await expect(rows(page).first().getByText('Bulk 0', { exact: true })).toBeVisible();
  await page.getByLabel('Sort').selectOption({ label: 'Rating' });
  await expect(rows(page).first()).toHaveText(/^Zed Last/);
  await expect(rows(page).nth(1).getByText('Bulk 0', { exact: true })).toBeVisible();
  // The last row by name: the list reads the window around the rows scrolled into view.
  await page.getByLabel('Sort').selectOption({ label: 'Name' });
  await page.locator('.list-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(visitorRow(page, 'Zed Last')).toBeVisible();
  await filter(page, 'Follow up').click();
  await expect(rows(page)).toHaveText([/^Zed Last/]);
});
