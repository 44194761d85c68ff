import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { createVisitor, signUp, visitorRow } from './support/app';

/** Exports in `format` from the Export dialog and returns the downloaded file's name and text. */
async function exportFile(page: Page, format: 'CSV' | 'vCard'): Promise<{ name: string; text: string }> {
  const dialog = page.getByRole('dialog', { name: 'Export visitors' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: format, exact: true }).click();
  const file = await download;
  await expect(dialog.getByRole('status')).toContainText('exported to');
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

test('the visitors export offline as CSV a spreadsheet reads cell for cell, formulas defused, and as vCards', async ({ page, context, account }) => {
  await signUp(page, account);
  await createVisitor(page, { name: 'Grace "Amazing" Hopper, PhD', company: '=HYPERLINK("http://evil.example","win")' });
  await visitorRow(page, 'Grace').click();
  const form = page.getByRole('form', { name: 'Edit visitor' });
  await form.getByLabel('Notes').fill('Line one\nLine two');
  await form.getByRole('checkbox', { name: 'Agreed to be contacted' }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await createVisitor(page, { name: 'Alan Turing', company: 'Bletchley' });
  // Synced first: who captured each visitor and when consent was recorded are the server's stamps.
  await expect(visitorRow(page, 'Grace')).toContainText('synced');
  await expect(visitorRow(page, 'Alan')).toContainText('synced');

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Export' }).click();
  const csv = await exportFile(page, 'CSV');
  expect(csv.name).toMatch(/^outpost-visitors-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith('\uFEFF')).toBe(true);
  const rows = Papa.parse<Record<string, string>>(csv.text.slice(1), { header: true, skipEmptyLines: true });
  expect(rows.errors).toEqual([]);
  expect(rows.data.map((r) => r.Name)).toEqual(['Alan Turing', 'Grace "Amazing" Hopper, PhD']);
  expect(rows.data[1]).toMatchObject({
    Company: `'=HYPERLINK("http://evil.example","win")`,
    Notes: 'Line one\nLine two',
    Consent: 'yes',
    'Capture method': 'Manual',
    'Captured by': account.email,
  });
  expect(new Date(rows.data[1]!['Consent at']!).toISOString()).toBe(rows.data[1]!['Consent at']);
  expect(rows.data[0]).toMatchObject({ Company: 'Bletchley', Consent: 'no', 'Consent at': '', 'Follow up': 'no', 'Captured by': account.email });
  expect(new Date(rows.data[0]!['Captured at']!).toISOString()).toBe(rows.data[0]!['Captured at']);

  const vcards = await exportFile(page, 'vCard');
  expect(vcards.name).toMatch(/\.vcf$/);
  expect(vcards.text.match(/BEGIN:VCARD\r\nVERSION:4\.0/g)).toHaveLength(2);
  expect(vcards.text.replace(/\r\n /g, '')).toContain('FN:Grace "Amazing" Hopper\\, PhD\r\n');
  await page.getByRole('dialog', { name: 'Export visitors' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog', { name: 'Export visitors' })).toBeHidden();
});

test('with a search or a filter on, the export can be limited to the visitors the list shows', async ({ page, account }) => {
  await signUp(page, account);
  for (const name of ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Alma Reville']) await createVisitor(page, { name });
  await visitorRow(page, 'Alma Reville').click();
  await page.getByRole('checkbox', { name: 'Follow up' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByLabel('Search').fill('al');
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export visitors' });
  await expect(dialog.getByRole('radio', { name: 'Only those shown (matching “al”)' })).toBeChecked();
  const matching = Papa.parse<Record<string, string>>((await exportFile(page, 'CSV')).text.slice(1), { header: true, skipEmptyLines: true });
  expect(matching.data.map((r) => r.Name)).toEqual(['Alan Turing', 'Alma Reville']);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('group', { name: 'Filters' }).getByRole('button', { name: 'Follow up' }).click();
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('radio', { name: 'Only those shown (matching “al”, Follow up)' })).toBeChecked();
  const followUp = Papa.parse<Record<string, string>>((await exportFile(page, 'CSV')).text.slice(1), { header: true, skipEmptyLines: true });
  expect(followUp.data.map((r) => r.Name)).toEqual(['Alma Reville']);
  await dialog.getByRole('radio', { name: 'All visitors' }).check();
  const all = Papa.parse<Record<string, string>>((await exportFile(page, 'CSV')).text.slice(1), { header: true, skipEmptyLines: true });
  expect(all.data).toHaveLength(4);
});
