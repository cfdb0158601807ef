// The built playground in Chromium: it loads under its CSP, evaluates with omen-core, reacts to
// typing, speaks English and Japanese, and never talks to anything but its own server.
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TITLE = 'Omen — IAM role playground / お面';
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

// Records console errors, uncaught errors, CSP violations and every request of a page.
async function watch(page) {
  const seen = { errors: [], warnings: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => seen.requests.push(request.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return seen;
}

async function open(page) {
  const seen = await watch(page);
  await page.goto('/');
  await expect(page.getByTestId('verdict')).toBeVisible();
  return seen;
}

const verdict = (page) => page.getByTestId('verdict');
const identityEditor = (page) => page.locator('#identity-policy');

test('loads under its CSP and shows a verdict, talking only to 127.0.0.1', async ({ page, baseURL }) => {
  const seen = await open(page);
  await expect(page).toHaveTitle(TITLE);
  await expect(page.locator('h1')).toContainText('Omen');
  await expect(verdict(page)).toHaveAttribute('data-decision', 'implicitDeny');
  await expect(verdict(page)).toContainText('✗');
  await expect(page.getByTestId('access-denied')).toContainText('iam:PassRole');

  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.warnings).toEqual([]);
  const origin = new URL(baseURL).origin;
  const elsewhere = seen.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
  expect(elsewhere).toEqual([]);
  expect(seen.requests.some((url) => url.endsWith('.wasm'))).toBe(true);
});

test('adding an iam:PassRole Allow to the identity policy flips the verdict', async ({ page }) => {
  const seen = await open(page);
  await expect(verdict(page)).toHaveAttribute('data-decision', 'implicitDeny');

  const editor = identityEditor(page);
  const policy = await editor.inputValue();
  // Edit the policy the way a person would: widen the Action list, one keystroke at a time.
  const action = '"Action": "ec2:*"';
  expect(policy).toContain(action);
  await editor.fill(policy.replace(action, '"Action": ["ec2:*"]'));
  await editor.focus();
  const at = policy.indexOf(action) + '"Action": ["ec2:*"'.length;
  await editor.evaluate((area, at) => area.setSelectionRange(at, at), at);
  await page.keyboard.type(', "iam:PassRole"');

  await expect(identityEditor(page)).toHaveValue(/"Action": \["ec2:\*", "iam:PassRole"\]/);
  await expect(verdict(page)).toHaveAttribute('data-decision', 'allowed');
  await expect(verdict(page)).toContainText('✓');
  await expect(page.getByTestId('access-denied')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('a broken policy shows diagnostics with line and column, as text', async ({ page }) => {
  await open(page);
  await identityEditor(page).fill('{\n  "Version": "2012-10-17",\n  "Statement": 3,\n  "x": "<img src=x>"\n}');
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics).toBeVisible();
  await expect(diagnostics).toContainText(/3:\d+/);
  await expect(page.locator('.result img')).toHaveCount(0);
});

test.describe('in a Japanese browser', () => {
  test.use({ locale: 'ja-JP' });

  test('starts in Japanese', async ({ page }) => {
    await open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.locator('label[for=identity-policy]')).toHaveText('アイデンティティベースのポリシー(ユーザー)');
    await expect(verdict(page)).toContainText('暗黙的な拒否');
  });
});

for (const width of [1280, 390]) {
  test(`screenshots in English and Japanese at ${width}px`, async ({ page }) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.setViewportSize({ width, height: 900 });
    await open(page);
    for (const lang of ['en', 'ja']) {
      await page.locator(`.language-switch button[lang=${lang}]`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator(`.language-switch button[lang=${lang}]`)).toHaveAttribute('aria-pressed', 'true');
      await page.screenshot({ path: join(SCREENSHOTS, `omen-${lang}-${width}.png`), fullPage: true });
    }
  });
}
