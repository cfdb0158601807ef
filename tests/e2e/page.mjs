// What the specs do on the page as a person would, written once: open it (collecting the
// console's errors), pick a story, retype a field, read the autosave, take a screenshot.
import { expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

// Opens the page and waits for its first verdict; the console's errors and uncaught errors are
// collected in the list returned (a test expects it empty at its end).
export async function open(page) {
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.goto('/');
  await expect(page.getByTestId('verdict')).toBeVisible();
  return errors;
}

// Picks a story from the menu; when the world was edited the page asks first, and this answers
// "Replace my edits".
export async function loadPreset(page, id) {
  await page.getByTestId('preset').selectOption(id);
  const confirm = page.getByTestId('confirm');
  await expect.poll(async () => (await confirm.count()) > 0 || (await page.getByTestId('preset').inputValue()) === id).toBe(true);
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  await expect(page.getByTestId('preset')).toHaveValue(id);
}

// Replaces what a field holds by typing, as a person does: click, select all, type.
export async function retype(page, selector, text) {
  await page.locator(selector).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

// The world this browser saved, as the text the autosave holds.
export const saved = (page) => page.evaluate(() => localStorage.getItem('omen.autosave.v1') ?? '');

// A full-page screenshot in screenshots/ (artefacts looked at by people, not compared), taken
// once the page has painted.
export async function shoot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
