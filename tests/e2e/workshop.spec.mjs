// Workshop mode in Chromium, as an attendee and a teacher use it: a lesson taken in Japanese with
// the keyboard alone (a prediction committed, a task turning done as the policy is typed), a
// challenge link opened in a fresh page and graded (too loose and too strict, then solved, with a
// verification code that `omen workshop verify` accepts), the lessons fetched only once workshop
// mode opens, and screenshots at 1280 and 390 px in both languages.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';

import { bestOfRounds, firstRenderRound, keystrokeLatencies, resetKeystrokes, watchKeystrokes } from './timing.mjs';
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SCREENSHOTS = join(HERE, 'screenshots');
const read = (...path) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8'));

// RFC 6902 `replace`, `add` and `remove`, enough for the known solutions in workshop/solutions/.
function applyPatch(document, patch) {
  const world = structuredClone(document);
  for (const { op, path, value } of patch) {
    const keys = path.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    const parent = keys.reduce((node, key) => node[key], world);
    if (op === 'remove') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    else if (Array.isArray(parent) && op === 'add') parent.splice(last === '-' ? parent.length : Number(last), 0, value);
    else parent[last] = value;
  }
  return world;
}

// Presses Tab until `locator` has the focus, as a keyboard user does; fails after `max` presses.
async function tabTo(page, locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${locator}`);
}

// Replaces the text of the focused editor by typing, keyboard only.
async function typeInto(page, locator, text) {
  await tabTo(page, locator);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

// The elements inside `testid` that reach past the window's right edge (long ARNs must wrap).
async function overflowing(page, testid) {
  return page.evaluate((id) => [...document.querySelectorAll(`[data-testid="${id}"] *`)]
    .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((element) => `${element.tagName}: ${element.textContent.slice(0, 60)}`), testid);
}

function watch(page) {
  const seen = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => seen.requests.push(request.url()));
  return seen;
}

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('an attendee takes a lesson with the keyboard alone: predicts, then makes the task turn done', async ({ page }) => {
    test.setTimeout(60_000);
    const seen = watch(page);
    await page.goto('/');
    await expect(page.getByTestId('verdict')).toBeVisible();
    // Nothing of workshop mode is fetched before it opens.
    expect(seen.requests.filter((url) => url.includes('/workshop/'))).toEqual([]);

    await tabTo(page, page.getByTestId('workshop-toggle'));
    await expect(page.getByTestId('workshop-toggle')).toHaveText('ワークショップを開く');
    await page.keyboard.press('Enter');
    const lesson = page.getByRole('link', { name: 'PassRole: ARN を完全一致で、名前の接頭辞で' });
    await expect(lesson).toBeVisible();
    expect(seen.requests.some((url) => /\/workshop\/lessons\/mask\.json\?v=[0-9a-f]{12}$/.test(url))).toBe(true);
    await tabTo(page, lesson);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'passrole-prefix');
    await expect(page).toHaveURL(/#lesson=passrole-prefix$/);

    // The starting world goes into the playground; its results hide until the prediction is in.
    await tabTo(page, page.getByTestId('load-world'));
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-workshop-predicting', 'true');
    await expect(page.locator('.pane-results')).toBeHidden();
    const predict = page.getByTestId('predict-batch-role');
    await tabTo(page, predict.getByRole('radio').first());
    // Arrow keys move through a radio group; the second answer is "できない".
    await page.keyboard.press('ArrowDown');
    await expect(predict.getByRole('radio', { name: 'できない' })).toBeChecked();
    await tabTo(page, predict.getByTestId('commit'));
    await page.keyboard.press('Enter');
    await expect(predict.getByTestId('reveal')).toContainText('正解です。');
    await expect(predict.getByTestId('reveal')).toContainText('ワイルドカードのない ARN');
    await expect(page.locator('html')).not.toHaveAttribute('data-workshop-predicting', 'true');
    await expect(page.locator('.pane-results')).toBeVisible();

    // The task: pass every EC2-roles-for-XYZ-… role. A hint first, then the policy typed.
    const task = page.getByTestId('task-pass-the-family');
    await expect(task).toHaveAttribute('data-done', 'false');
    await tabTo(page, page.getByTestId('hint-pass-the-family'));
    await page.keyboard.press('Enter');
    await expect(task.getByTestId('hint')).toHaveCount(1);
    const start = read('workshop', 'lessons', 'passrole-prefix.json').world;
    const solution = read('workshop', 'lessons', 'passrole-prefix.json').tasks[0].solution;
    const solved = applyPatch(start, solution);
    await typeInto(page, page.locator('#ed-users-0-policies-1-document'), JSON.stringify(solved.users[0].policies[1].document));
    await expect(task).toHaveAttribute('data-done', 'true');
    await expect(task).toContainText('完了');
    await expect(page.getByTestId('lesson-complete')).toBeVisible();

    // Remembered: the list shows the task done and the tally after a reload (once the
    // playground's autosave has the typed policy).
    await page.waitForFunction(() => (localStorage.getItem('omen.autosave.v1') ?? '').includes('EC2-roles-for-XYZ-*'));
    await page.reload();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'passrole-prefix');
    await expect(page.getByTestId('lesson-complete')).toBeVisible();
    // The reload kept the attendee's world (it was loaded from this lesson).
    await expect(task).toHaveAttribute('data-done', 'true');
    await page.getByTestId('ws-back').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('tally')).toHaveText('予想の正解: 1/1');
    await expect(page.getByTestId('lessons').locator('li.complete')).toHaveCount(1);
    expect(seen.errors).toEqual([]);
  });

  test('a challenge link opens in a fresh page and grades: too loose, too strict, then solved with a code', async ({ browser, baseURL }) => {
    // `omen workshop verify` may need compiling first.
    test.setTimeout(240_000);
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${baseURL}/#challenge=fix-lambda`);
    await expect(page.getByTestId('challenge')).toHaveAttribute('data-challenge', 'fix-lambda');
    // The link loaded the challenge's starting world.
    await expect(page.getByTestId('challenge')).toContainText('この課題の状態が入っています');
    const check = page.getByTestId('check');
    await expect(check).toBeEnabled();
    await tabTo(page, check);
    await page.keyboard.press('Enter');
    const grade = page.getByTestId('grade');
    await expect(grade).toContainText('緩すぎます');
    await expect(grade).toContainText('厳しすぎます');
    await expect(grade.locator('[data-finding=loose]')).not.toHaveCount(0);
    await expect(grade.locator('[data-finding=strict]')).not.toHaveCount(0);
    await expect(page.getByTestId('solved')).toHaveCount(0);

    const challenge = read('workshop', 'challenges', 'fix-lambda.json');
    const start = challenge.world;
    const examples = read('workshop', 'solutions', 'fix-lambda.json').examples;
    const trust = (expect) => {
      const world = applyPatch(start, examples.find((example) => example.expect === expect).patch);
      return JSON.stringify(world.roles[0].trustPolicy);
    };
    const editor = page.locator('#ed-roles-0-trustPolicy');
    await typeInto(page, editor, trust('tooLoose'));
    // A grade is for the world it was made for: typing hides it.
    await expect(grade).toHaveCount(0);
    await tabTo(page, check);
    await page.keyboard.press('Enter');
    await expect(grade).toContainText('緩すぎます');
    await expect(grade).not.toContainText('厳しすぎます');
    // The words say what failed, never the policy that would pass.
    await expect(grade).not.toContainText('lambda.amazonaws.com');

    await typeInto(page, editor, trust('solved'));
    await tabTo(page, check);
    await page.keyboard.press('Enter');
    await expect(grade).toContainText('クリア');
    const code = await page.getByTestId('code').textContent();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);

    // The teacher checks the code against the attendee's world (the autosave, once typing paused).
    await page.waitForFunction(() => {
      const saved = JSON.parse(localStorage.getItem('omen.autosave.v1') ?? 'null');
      return saved && saved.world.roles[0].trustPolicy.includes('lambda');
    });
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('omen.autosave.v1')).world);
    const file = join(tmpdir(), `omen-fix-lambda-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(saved));
    const verify = (value) => {
      try {
        execFileSync('cargo', ['run', '-q', '-p', 'omen-cli', '--', 'workshop', 'verify', 'fix-lambda', file, value], { cwd: ROOT, stdio: 'pipe' });
        return true;
      } catch {
        return false;
      }
    };
    expect(verify(code)).toBe(true);
    expect(verify('0000-0000')).toBe(false);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});

// The race behind a flaky run (the grade never appeared): the page used to publish a loaded
// starting world to workshop mode only after its 100 ms typing pause, so a "Check" pressed at
// once graded the world it replaced, and a grade shows only for the world on screen. The page
// now publishes a world workshop mode asked for at once; Check is pressed here the moment it
// can be.
test('a challenge link grades when Check is pressed at once', async ({ page }) => {
  await page.goto('/#challenge=fix-lambda');
  await expect(page.getByTestId('challenge')).toContainText('challenge\'s world');
  const check = page.getByTestId('check');
  await expect(check).toBeEnabled();
  await check.click();
  await expect(page.getByTestId('grade')).toContainText('Too loose');
});

test('an unknown lesson in a link says so', async ({ page }) => {
  await page.goto('/#lesson=no-such-lesson');
  await expect(page.getByTestId('workshop')).toContainText('no-such-lesson');
  await expect(page.getByTestId('workshop').getByRole('alert')).toBeVisible();
});

for (const width of [1280, 390]) {
  test(`workshop screenshots in English and Japanese at ${width}px`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'ja-JP']) {
      const lang = locale.slice(0, 2);
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const seen = watch(page);
      page.on('console', (message) => { if (message.type() === 'error') console.log(`console error (${lang}, ${width}): ${message.text()}`); });
      await page.goto(`${baseURL}/#workshop`);
      await expect(page.getByTestId('lessons').locator('li')).toHaveCount(19);
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-${lang}-${width}-list.png`) });
      // A new document for each link (a change of the fragment alone is not a navigation).
      await page.goto('about:blank');
      await page.goto(`${baseURL}/#lesson=ec2-full-access`);
      await expect(page.getByTestId('lesson')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('predict-will-it-launch')).toBeVisible();
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-${lang}-${width}-lesson.png`) });
      await page.goto('about:blank');
      await page.goto(`${baseURL}/#challenge=pass-only-xyz-to-ec2`);
      // Graded once the link's world has reached the interface (a grade shows only for its world).
      await expect(async () => {
        await page.getByTestId('check').click();
        await expect(page.getByTestId('grade')).toBeVisible({ timeout: 1000 });
      }).toPass();
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-${lang}-${width}-challenge.png`) });
      expect(seen.errors).toEqual([]);
      await context.close();
    }
  });
}

test('first render of a lesson link stays within 300 ms', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  // First render of a lesson link in fresh pages: navigation start → verdict in the DOM. A round
  // is the median of five pages; the best round counts (tests/e2e/timing.mjs).
  const rounds = await bestOfRounds(
    async (round) => {
      const result = await firstRenderRound(browser, `${baseURL}/#lesson=passrole-prefix`, (page) =>
        expect(page.getByTestId('lesson')).toBeVisible(),
      );
      console.log(`first render with a lesson link, round ${round}: median ${result.median.toFixed(1)} ms (${result.times.map((t) => t.toFixed(0)).join(', ')} ms; budget 300 ms)`);
      return result;
    },
    (result) => result.median <= 300,
  );
  expect(Math.min(...rounds.map((result) => result.median))).toBeLessThanOrEqual(300);
});

/**
 * Types 100 spaces before the first `"Effect"` of `editor`'s policy, in rounds (tests/e2e/timing.mjs),
 * and expects the keystroke → verdict p95 within a frame (16 ms) in the best round that measured at
 * least 80 updates. Each round is printed after `label`.
 */
async function expectTypingWithinFrame(page, editor, label) {
  await watchKeystrokes(page);
  const N = 100;
  const MIN_UPDATES = 80;
  const rounds = await bestOfRounds(
    async (round) => {
      const policy = await editor.inputValue();
      const at = policy.indexOf('"Effect"');
      await editor.focus();
      await editor.evaluate((area, at) => area.setSelectionRange(at, at), at);
      await resetKeystrokes(page);
      await page.keyboard.type(' '.repeat(N), { delay: 40 });
      await page.waitForTimeout(300);
      const result = await keystrokeLatencies(page);
      console.log(`${label}, round ${round}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms over ${N} keystrokes (${result.count} measured; budget p95 ≤ 16 ms)`);
      return result;
    },
    (result) => result.count >= MIN_UPDATES && result.p95 <= 16,
  );
  const counted = rounds.filter((r) => r.count >= MIN_UPDATES);
  expect(counted.length).toBeGreaterThan(0);
  expect(Math.min(...counted.map((r) => r.p95))).toBeLessThanOrEqual(16);
}

test('keystroke → verdict p95 stays within 16 ms with a lesson open', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  // Keystrokes in the lesson's policy while its tasks are checked (in the worker) as typing pauses.
  const page = await browser.newPage();
  await page.goto(`${baseURL}/#lesson=passrole-prefix`);
  await expect(page.getByTestId('task-pass-the-family')).toHaveAttribute('data-done', 'false');
  // The lesson's customer managed PassWebRole (its AmazonEC2FullAccess is AWS managed, read-only).
  const editor = page.locator('#ed-users-0-policies-1-document');
  await expectTypingWithinFrame(page, editor, 'keystroke → verdict with a lesson open');
  await page.close();
});

// Lessons attach AWS managed policies by ARN, as the stories do (issue 9): the interface hands the
// page the starting world with the small ones written in (AmazonEC2FullAccess, AmazonS3ReadOnlyAccess,
// AdministratorAccess: shown at once, read-only), and ReadOnlyAccess (about 91 KB) is filled in from
// the managed-policy catalogue loaded after the first verdict — the summary says it is loading it
// meanwhile, and the lesson's tasks are checked against the real policy. Screenshots of a lesson
// with AWS managed policies at 1280 and 390 px, in English and Japanese.
test('a lesson attaches AWS managed policies by ARN: the small ones at once, ReadOnlyAccess from the catalogue', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [1280, 390]) {
    for (const locale of ['en-US', 'ja-JP']) {
      const lang = locale.slice(0, 2);
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const seen = watch(page);
      let release;
      const gate = new Promise((resolve) => { release = resolve; });
      await page.route('**/vocabulary/managed-policies-*', async (route) => { await gate; await route.continue(); });
      // No catalogue yet: the small policies are written in and the lesson plays.
      await page.goto(`${baseURL}/#lesson=passrole-prefix`);
      await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'passrole-prefix');
      const ec2 = page.locator('section.editor[data-pointer="/users/0/policies/0/document"]');
      await expect(ec2.getByTestId('aws-managed')).toHaveCount(1);
      await expect(ec2).toContainText('ec2:*');
      await expect(page.getByTestId('summary')).not.toHaveAttribute('data-loading', /.*/);
      await expect(page.getByTestId('task-pass-the-family')).toHaveAttribute('data-done', 'false');
      await ec2.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-${lang}-${width}-managed-small.png`) });
      // ReadOnlyAccess waits for the catalogue, as in a story.
      await page.goto('about:blank');
      await page.goto(`${baseURL}/#lesson=cross-account`);
      await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'cross-account');
      await expect(page.getByTestId('summary')).toHaveAttribute('data-loading', /ReadOnlyAccess/);
      release();
      await expect(page.getByTestId('summary')).not.toHaveAttribute('data-loading', /.*/, { timeout: 20_000 });
      const readOnly = page.locator('section.editor[data-pointer="/roles/0/policies/0/document"]');
      await expect(readOnly).toContainText('ReadOnlyActionsGroup1');
      await expect(readOnly.getByTestId('aws-managed')).toHaveCount(1);
      await expect(page.getByTestId('task-bobs-side')).toHaveAttribute('data-done', 'false');
      await readOnly.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-${lang}-${width}-managed-read-only-access.png`) });
      const origin = new URL(baseURL).origin;
      expect(seen.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
      expect(seen.errors).toEqual([]);
      await context.close();
    }
  }
});

test('keystroke → verdict p95 stays within 16 ms with a lesson open that attaches the real ReadOnlyAccess', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await page.goto(`${baseURL}/#lesson=cross-account`);
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'cross-account');
  // AWS's ReadOnlyAccess (about 91 KB) filled in from the catalogue before typing starts.
  await expect(page.locator('section.editor[data-pointer="/roles/0/policies/0/document"]')).toContainText('ReadOnlyActionsGroup1', { timeout: 20_000 });
  await expect(page.getByTestId('task-bobs-side')).toHaveAttribute('data-done', 'false');
  // Alice's AssumeAnyRole, a customer policy.
  const editor = page.locator('#ed-users-1-policies-0-document');
  await expectTypingWithinFrame(page, editor, 'keystroke → verdict with a lesson attaching ReadOnlyAccess open');
  await page.close();
});

// Presenter mode in a fresh page: nothing autosaved shows, nothing is saved, the picture and the
// explanation in large type, placeholders for account ids; screenshots at 1280 and 390 px.
for (const width of [1280, 390]) {
  test(`presenter mode from the fresh-start link shows nothing autosaved, in English and Japanese at ${width}px`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'ja-JP']) {
      const lang = locale.slice(0, 2);
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const seen = watch(page);
      // This browser's own work: another story, autosaved.
      await page.goto(`${baseURL}/`);
      await page.getByTestId('preset').selectOption('role-chaining');
      await page.waitForFunction(() => (localStorage.getItem('omen.autosave.v1') ?? '').includes('role-chaining'));
      const saved = await page.evaluate(() => localStorage.getItem('omen.autosave.v1'));
      // … and this browser's workshop progress: a solved challenge's code.
      const progress = JSON.stringify({ solved: { 'fix-lambda': 'ABCD-EFGH' } });
      await page.evaluate((progress) => localStorage.setItem('omen.workshop.v1', progress), progress);

      await page.goto('about:blank');
      await page.goto(`${baseURL}/#present`);
      await expect(page.getByTestId('presenter')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-presenter', 'true');
      await expect(page.getByTestId('fresh-note')).toHaveText(
        lang === 'ja'
          ? 'このページはまっさらな状態で開きました。このブラウザに保存された内容は表示も変更もしません。'
          : 'This page started fresh: it does not show or change what this browser saved.',
      );
      // The first story, not the autosaved one.
      await expect(page.getByTestId('preset')).not.toHaveValue('role-chaining');
      // The picture and the explanation, large; the editors hidden.
      await expect(page.getByTestId('verdict')).toBeVisible();
      await expect(page.locator('.pane-results')).toBeVisible();
      await expect(page.locator('.pane-caller')).toBeHidden();
      await expect(page.locator('.pane-scenario')).toBeHidden();
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(size).toBeGreaterThanOrEqual(16);
      if (width === 1280) expect(size).toBeGreaterThan(18);
      await page.screenshot({ path: join(SCREENSHOTS, `presenter-${lang}-${width}.png`) });

      // Placeholders: the account id of the story is gone from the page.
      const before = await page.locator('.pane-results').textContent();
      const real = before.match(/\b\d{12}\b/)?.[0];
      expect(real).toBeTruthy();
      await page.getByTestId('placeholders').click();
      await expect(page.getByTestId('placeholders-done')).toBeVisible();
      await expect(page.locator('.pane-results')).not.toContainText(real);
      await expect(page.locator('.pane-results')).toContainText('111111111111');
      await page.screenshot({ path: join(SCREENSHOTS, `presenter-${lang}-${width}-placeholders.png`) });
      // The gates on the projector, under the controls.
      await page.getByTestId('present-steps').click();
      await expect(page.getByTestId('gates')).toHaveAttribute('data-step', 'passRole');
      await expect(page.getByTestId('gate-identityPolicies')).toHaveAttribute('data-status', 'stopped');
      await page.getByTestId('gates').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `presenter-${lang}-${width}-steps.png`) });

      // The fresh-start link to hand out, and nothing was saved over this browser's work.
      await page.getByTestId('copy-fresh').click();
      await expect(page.getByTestId('fresh-link')).toHaveText(`${baseURL}/#present`);
      await page.waitForTimeout(600);
      expect(await page.evaluate(() => localStorage.getItem('omen.autosave.v1'))).toBe(saved);
      // Leaving presenter mode gives the editors back; the list shows no one's codes, and the
      // progress saved in this browser is untouched.
      await page.getByTestId('leave-presenter').click();
      await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'true');
      await expect(page.locator('.pane-caller')).toBeVisible();
      await expect(page.getByTestId('challenges').locator('li')).toHaveCount(12);
      await expect(page.getByTestId('challenges')).not.toContainText('ABCD-EFGH');
      expect(await page.evaluate(() => localStorage.getItem('omen.workshop.v1'))).toBe(progress);
      expect(seen.errors).toEqual([]);
      await context.close();
    }
  });
}

// Presenter mode walks the 90-minute running order (workshop/running-order.json): each block's
// time, title and point to land, one at a time with the keyboard; "Show on the projector" loads a
// block's lesson into the playground, and "what changed?" then counts from that lesson's start.
// Screenshots at 1280 and 390 px in both languages.
for (const width of [1280, 390]) {
  test(`presenter mode walks the running order, in English and Japanese at ${width}px`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const order = read('workshop', 'running-order.json');
    const mask = read('workshop', 'lessons', 'mask.json');
    for (const locale of ['en-US', 'ja-JP']) {
      const lang = locale.slice(0, 2);
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const seen = watch(page);
      await page.goto(`${baseURL}/#present`);
      const block = page.getByTestId('block');
      await expect(block).toHaveAttribute('data-block', '0');
      await expect(page.getByTestId('block-title')).toHaveText(order.blocks[0].title[lang]);
      await expect(page.getByTestId('block-prev')).toBeDisabled();
      // The opening's lesson on the projector: the mask's world is in the playground.
      await expect(page.locator('.pane-results')).not.toContainText('ReportsReader');
      await page.getByTestId('project-mask').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('projected')).toBeVisible();
      await expect(page.locator('.pane-results')).toContainText('ReportsReader');
      await page.getByTestId('running-order').scrollIntoViewIfNeeded();
      expect(await overflowing(page, 'running-order')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `presenter-order-${lang}-${width}.png`) });
      // Two blocks on, with the keyboard: the launch that fails, its point in large type.
      await page.getByTestId('block-next').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await expect(block).toHaveAttribute('data-block', '2');
      await expect(block).toContainText(lang === 'ja' ? '0:12–0:20 · ブロック 3 / 13' : '0:12–0:20 · block 3 of 13');
      await expect(page.getByTestId('block-title')).toHaveText(order.blocks[2].title[lang]);
      await expect(page.getByTestId('block-point')).toContainText('iam:PassRole');
      const point = await page.getByTestId('block-point').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(point).toBeGreaterThan(body);
      await expect(page.getByTestId('projected')).toHaveCount(0);
      await page.getByTestId('block-point').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `presenter-order-${lang}-${width}-block3.png`) });
      // Any block from the list: the wrap-up is the last, with no block after it.
      await page.locator('.ws-all-blocks summary').click();
      await page.getByTestId('block-12').click();
      await expect(page.getByTestId('block-title')).toHaveText(order.blocks[12].title[lang]);
      await expect(page.getByTestId('block-next')).toBeDisabled();
      // What changed? counts from the lesson shown on the projector.
      await page.getByTestId('leave-presenter').click();
      await page.getByTestId('open-changes').click();
      await expect(page.getByTestId('compared-with')).toContainText(mask.title[lang]);
      await expect(page.getByTestId('no-changes')).toBeVisible();
      expect(seen.errors).toEqual([]);
      await context.close();
    }
  });
}

// The handout of a lesson: copied as Markdown and as AWS CLI in Japanese, and the print view
// screenshotted at 1280 and 390 px in both languages.
test('a lesson handout copies as Markdown and as AWS CLI in Japanese', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ locale: 'ja-JP', permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const seen = watch(page);
  const lesson = read('workshop', 'lessons', 'ec2-full-access.json');
  await page.goto(`${baseURL}/#lesson=ec2-full-access`);
  await expect(page.getByTestId('lesson')).toBeVisible();
  const handout = page.getByTestId('handout');
  await tabTo(page, handout.getByTestId('copy-markdown'));
  await page.keyboard.press('Enter');
  const produced = handout.getByTestId('produced');
  await expect(produced).toHaveAttribute('data-what', 'handout');
  await expect(produced).toContainText(`# ${lesson.title.ja}`);
  await expect(produced).toContainText('フローはステップ');
  await expect(handout.getByRole('status')).toHaveText('コピーしました。下にも表示しています。');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`# ${lesson.title.ja}`);

  await tabTo(page, handout.getByTestId('copy-cli'));
  await page.keyboard.press('Enter');
  await expect(produced).toHaveAttribute('data-what', 'cli');
  await expect(produced).toContainText('aws iam create-role');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('aws iam create-role');
  expect(seen.errors).toEqual([]);
  await context.close();
});

for (const width of [1280, 390]) {
  test(`the print view of a lesson in English and Japanese at ${width}px`, async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'ja-JP']) {
      const lang = locale.slice(0, 2);
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${baseURL}/#lesson=ec2-full-access`);
      await expect(page.getByTestId('lesson')).toBeVisible();
      await page.emulateMedia({ media: 'print' });
      // Controls are gone; the lesson text, the policies in full and the results stay.
      await expect(page.locator('.toolbar')).toBeHidden();
      await expect(page.getByTestId('handout')).toBeHidden();
      await expect(page.getByTestId('load-world')).toBeHidden();
      await expect(page.getByTestId('lesson').locator('h2')).toBeVisible();
      await expect(page.locator('.pane-caller')).toBeVisible();
      await expect(page.locator('.pane-results')).toBeVisible();
      expect(await page.locator('.editor-scroll').first().evaluate((e) => getComputedStyle(e).maxHeight)).toBe('none');
      await page.screenshot({ path: join(SCREENSHOTS, `print-${lang}-${width}.png`), fullPage: true });
      await context.close();
    }
  });
}

// A teacher's own challenge: written in the page (a file pasted), checked, handed out by link;
// the link opens in a fresh page, loads the challenge's world and grades it; the code verifies
// against the file with `omen workshop verify`.
test('a teacher writes a challenge in the page; its link opens in a fresh page and grades', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const file = read('workshop', 'challenges', 'fix-lambda.json');
  const mine = { ...file, id: 'my-lambda', title: { en: 'My Lambda challenge', ja: 'わたしの Lambda 課題' } };
  const teacher = await browser.newContext({ locale: 'ja-JP', permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await teacher.newPage();
  const seen = watch(page);
  await page.goto(`${baseURL}/#workshop`);
  await tabTo(page, page.getByTestId('open-write'));
  await page.keyboard.press('Enter');
  const writer = page.getByTestId('write-challenge');
  await expect(writer).toBeVisible();
  // The template starts from the playground's world and is a challenge as it stands.
  await expect(page.getByTestId('challenge-text')).toHaveValue(/"my-challenge"/);
  // Issue 9: its AWS managed policies are attached by ARN, as in the hand-written challenges,
  // not written in.
  const template = await page.getByTestId('challenge-text').inputValue();
  expect(template).toContain('"arn:aws:iam::aws:policy/AmazonEC2FullAccess"');
  expect(template).not.toContain('awsManaged');
  // Something that is not a challenge says where it is wrong.
  await page.getByTestId('challenge-text').fill('{"id": "x"}');
  await page.getByTestId('make-link').click();
  await expect(page.getByTestId('challenge-problems')).toBeVisible();
  await page.getByTestId('challenge-text').fill(JSON.stringify(mine, null, 2));
  await page.getByTestId('make-link').click();
  const link = await page.getByTestId('challenge-link').textContent();
  expect(link).toMatch(/#challenge-link=[A-Za-z0-9_-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(seen.errors).toEqual([]);
  await teacher.close();

  // An attendee opens it in a fresh page.
  const attendee = await browser.newContext({ locale: 'ja-JP' });
  const fresh = await attendee.newPage();
  const seenToo = watch(fresh);
  await fresh.goto(link);
  const challenge = fresh.getByTestId('challenge');
  await expect(challenge).toHaveAttribute('data-challenge', 'link:my-lambda');
  await expect(challenge.locator('h2')).toHaveText('わたしの Lambda 課題');
  await expect(challenge).toContainText('この課題の状態が入っています');
  const grade = fresh.getByTestId('grade');
  // Graded once the link's world has reached the interface (a grade shows only for its world).
  await expect(async () => {
    await fresh.getByTestId('check').click();
    await expect(grade).toContainText('緩すぎます', { timeout: 1000 });
  }).toPass();
  const examples = read('workshop', 'solutions', 'fix-lambda.json').examples;
  const solved = applyPatch(file.world, examples.find((example) => example.expect === 'solved').patch);
  await typeInto(fresh, fresh.locator('#ed-roles-0-trustPolicy'), JSON.stringify(solved.roles[0].trustPolicy));
  // Graded once the typed world has reached the interface (a grade shows only for its world).
  await expect(async () => {
    await fresh.getByTestId('check').click();
    await expect(grade).toContainText('クリア', { timeout: 1000 });
  }).toPass();
  const code = await fresh.getByTestId('code').textContent();
  // The teacher verifies the code against the challenge file and the attendee's world.
  const dir = tmpdir();
  const challengeFile = join(dir, `omen-my-lambda-${process.pid}.json`);
  const worldFile = join(dir, `omen-my-lambda-world-${process.pid}.json`);
  writeFileSync(challengeFile, JSON.stringify(mine));
  await fresh.waitForFunction(() => {
    const saved = JSON.parse(localStorage.getItem('omen.autosave.v1') ?? 'null');
    return saved && saved.world.roles[0].trustPolicy.includes('lambda');
  });
  writeFileSync(worldFile, JSON.stringify(await fresh.evaluate(() => JSON.parse(localStorage.getItem('omen.autosave.v1')).world)));
  const verify = (value) => {
    try {
      execFileSync('cargo', ['run', '-q', '-p', 'omen-cli', '--', 'workshop', 'verify', challengeFile, worldFile, value], { cwd: ROOT, stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  };
  expect(verify(code)).toBe(true);
  expect(verify('0000-0000')).toBe(false);
  await fresh.screenshot({ path: join(SCREENSHOTS, 'challenge-link-ja-1280.png') });
  expect(seenToo.errors).toEqual([]);
  await attendee.close();
});

test('a challenge link that cannot be read says so', async ({ page }) => {
  await page.goto('/#challenge-link=not-a-deflated-payload');
  await expect(page.getByTestId('challenge-problems')).toBeVisible();
});

// Issue 7: a problem with a teacher's challenge world itself (a maxSessionDuration IAM refuses)
// is said in the page's language — Japanese on the Japanese page, English after a switch — with
// the world's field in AWS's spelling in both.
test('a problem with a teacher\'s challenge world is said in Japanese on the Japanese page', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  const seen = watch(page);
  const broken = read('workshop', 'challenges', 'fix-lambda.json');
  broken.world.roles[0].maxSessionDuration = 60;
  await page.goto(`${baseURL}/#workshop`);
  await page.getByTestId('open-write').click();
  await expect(page.getByTestId('challenge-text')).toHaveValue(/"my-challenge"/);
  await page.getByTestId('challenge-text').fill(JSON.stringify(broken, null, 2));
  await page.getByTestId('make-link').click();
  const problems = page.getByTestId('challenge-problems');
  await expect(problems).toContainText('このワールドはこのままでは再生できません: `maxSessionDuration` は 3600 から 43200 秒の範囲で指定します (60 ではなく)');
  await expect(problems).not.toContainText('cannot be played');
  await page.locator('.language-switch button[lang=en]').click();
  await expect(problems).toContainText('the world cannot be played as it is: `maxSessionDuration` must be from 3600 to 43200 seconds, not 60');
  expect(seen.errors).toEqual([]);
  await context.close();
});

// Step through the evaluation: the failed step first, gate by gate in AWS's order; another step
// on request; the gates follow an edit. Screenshots at 1280 and 390 px in both languages.
for (const width of [1280, 390]) {
  test(`step through the evaluation, in English and Japanese at ${width}px`, async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'ja-JP']) {
      const lang = locale.slice(0, 2);
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const seen = watch(page);
      // The first story: AmazonEC2FullAccess alone, refused at PassRole.
      await page.goto(`${baseURL}/#step-through`);
      const gates = page.getByTestId('gates');
      await expect(gates).toHaveAttribute('data-step', 'passRole');
      const kinds = await gates.locator(':scope > li').evaluateAll((items) => items.map((item) => item.dataset.testid));
      expect(kinds).toEqual([
        'gate-explicitDeny', 'gate-organizations', 'gate-resourcePolicy',
        'gate-identityPolicies', 'gate-permissionsBoundary', 'gate-sessionPolicy',
      ]);
      await expect(page.getByTestId('gate-identityPolicies')).toHaveAttribute('data-status', 'stopped');
      await expect(page.getByTestId('gate-identityPolicies')).toContainText('AmazonEC2FullAccess');
      await expect(page.getByTestId('gate-identityPolicies')).toContainText(lang === 'ja' ? 'ここで止まる' : 'stopped here');
      // The step's button wraps between words: `iam:PassRole` stays on one line.
      const action = page.getByTestId('walk-step-passRole').locator('code', { hasText: 'iam:PassRole' });
      expect(await action.evaluate((code) => code.getClientRects().length)).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, `step-through-${lang}-${width}.png`) });
      // The call itself: allowed by the identity-based policy.
      await page.getByTestId('walk-step-api').click();
      await expect(gates).toHaveAttribute('data-step', 'api');
      await expect(page.getByTestId('gate-identityPolicies')).toHaveAttribute('data-status', 'passed');
      await expect(page.getByTestId('walk-decision')).toContainText('✓');
      expect(seen.errors).toEqual([]);
      await context.close();
    }
  });
}

// Who must allow? and What changed?, reached from a lesson: the principal switch on the
// Auditor role's trust policy (it names the account) flips the table of the policies that must
// allow as another form is picked with the keyboard; putting the user's ARN in the playground
// completes the lesson's task; "what changed?" then shows the hop turning allowed, new access
// marked, with the gates that decided differently. Screenshots at 1280 and 390 px in both languages.
for (const width of [1280, 390]) {
  test(`who must allow? and what changed? from a lesson, in English and Japanese at ${width}px`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'ja-JP']) {
      const lang = locale.slice(0, 2);
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const seen = watch(page);
      await page.goto(`${baseURL}/#lesson=trust-user-or-account`);
      await expect(page.getByTestId('lesson')).toBeVisible();
      // What changed? counts from the lesson's starting world once the lesson loads, and says so.
      const title = read('workshop', 'lessons', 'trust-user-or-account.json').title[lang];
      await page.getByTestId('open-changes').click();
      await expect(page.getByTestId('compared-with')).toContainText(title);
      await expect(page.getByTestId('no-changes')).toBeVisible();
      await page.getByTestId('ws-back').click();
      await page.getByTestId('open-who').click();
      const table = page.getByTestId('rule-table');
      // The trust policy names the account: Carol's own identity-based policy must allow too,
      // and she has none.
      await expect(page.getByTestId('switch')).toHaveAttribute('data-step', 'hop1.assumeRole');
      await expect(table).toHaveAttribute('data-form', 'accountRoot');
      await expect(page.getByTestId('allower-resourcePolicy')).toHaveAttribute('data-must', 'true');
      await expect(page.getByTestId('allower-identityPolicies')).toHaveAttribute('data-must', 'true');
      await expect(page.getByTestId('who-verdict')).toHaveAttribute('data-verdict', 'implicitDeny');
      await expect(page.getByTestId('form-accountRoot')).toContainText(lang === 'ja' ? '(現在)' : '(now)');
      expect(await overflowing(page, 'who-must-allow')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `who-must-allow-${lang}-${width}.png`) });

      // "What changed?" compares from here.
      await page.getByTestId('ws-back').click();
      await page.getByTestId('open-changes').click();
      await page.getByTestId('compare-from-here').click();
      await expect(page.getByTestId('compared-with')).toContainText(lang === 'ja' ? '「いまの世界から比較し直す」を押したとき' : 'when you pressed "Compare from the world now"');
      await expect(page.getByTestId('no-changes')).toBeVisible();
      await page.getByTestId('ws-back').click();
      await page.getByTestId('open-who').click();
      await expect(table).toHaveAttribute('data-form', 'accountRoot');

      // The user's ARN, picked with the keyboard (the radio group's arrow keys): the table flips.
      await page.getByTestId('form-accountRoot').locator('input').focus();
      await page.keyboard.press('ArrowUp');
      await expect(table).toHaveAttribute('data-form', 'userArn');
      await expect(page.getByTestId('allower-identityPolicies')).toHaveAttribute('data-must', 'false');
      await expect(page.getByTestId('allower-resourcePolicy')).toHaveAttribute('data-must', 'true');
      await expect(page.getByTestId('who-verdict')).toHaveAttribute('data-verdict', 'allowed');
      await page.getByTestId('apply-principal').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('principal-applied')).toBeVisible();
      await expect(page.locator('#ed-roles-0-trustPolicy')).toHaveValue(/user\/carol/);
      // The policy names the user now: that form is the current one.
      await expect(page.getByTestId('form-userArn')).toContainText(lang === 'ja' ? '(現在)' : '(now)');

      // The lesson's task holds now (no policy given to Carol, Dave kept out).
      await page.getByTestId('ws-back').click();
      await page.locator('a[href="#lesson=trust-user-or-account"]').click();
      await expect(page.getByTestId('task-trust-carol-only')).toHaveAttribute('data-done', 'true');

      // What changed: the hop, before → after, new access, and the gates that decided.
      await page.getByTestId('open-changes').click();
      const hop = page.getByTestId('change-hop1.assumeRole');
      await expect(hop).toHaveAttribute('data-new-access', 'true');
      await expect(hop.locator('[data-gate=resourcePolicy]')).toBeVisible();
      await expect(page.getByTestId('flow-change')).toContainText(lang === 'ja' ? '失敗 → ✓ 成功' : 'fails → ✓ succeeds');
      expect(await overflowing(page, 'what-changed')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `what-changed-${lang}-${width}.png`) });
      expect(seen.errors).toEqual([]);
      await context.close();
    }
  });
}

// Printing the playground gives the handout even when workshop mode was never opened: the print
// stylesheet is the page's own (web/style.css), not the workshop's.
test('the print view of the playground without workshop mode', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  await expect(page.locator('.pane-results')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.toolbar')).toBeHidden();
  await expect(page.getByTestId('workshop-toggle')).toBeHidden();
  await expect(page.locator('.pane-caller')).toBeVisible();
  expect(await page.locator('.editor-scroll').first().evaluate((e) => getComputedStyle(e).maxHeight)).toBe('none');
  // Workshop mode's files were never fetched.
  expect(seen.requests.some((url) => url.includes('/workshop/'))).toBe(false);
  await page.screenshot({ path: join(SCREENSHOTS, 'print-playground-en-1280.png'), fullPage: true });
});

// The OIDC lesson: a CI pipeline's role. The starting world lets another owner's repository
// deploy; typing a `sub` condition into the trust policy makes the worker mark the task done
// (it plays the tokens of our main branch, another repository and a pull request).
test('the GitHub Actions OIDC lesson: the task turns done when the trust policy pins sub', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${baseURL}/#lesson=github-actions-oidc`);
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toHaveAttribute('data-lesson', 'github-actions-oidc');
  await expect(lesson.locator('h2')).toHaveText('CI パイプラインのロール: GitHub Actions と OIDC');
  // The prediction first: a stranger's repository gets the mask.
  await page.getByTestId('predict-stranger-deploys').locator('input[value=yes]').check();
  await page.getByTestId('predict-stranger-deploys').getByTestId('commit').click();
  await expect(page.getByTestId('reveal')).toContainText('受け取れます');
  const task = page.getByTestId('task-pin-the-repository');
  await expect(task).toHaveAttribute('data-done', 'false');
  const lessonFile = read('workshop', 'lessons', 'github-actions-oidc.json');
  const solved = applyPatch(lessonFile.world, lessonFile.tasks[0].solution);
  await typeInto(page, page.locator('#ed-roles-0-trustPolicy'), JSON.stringify(solved.roles[0].trustPolicy));
  await expect(task).toHaveAttribute('data-done', 'true');
  await task.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'lesson-oidc-ja-390.png') });
  expect(seen.errors).toEqual([]);
  await context.close();
});
