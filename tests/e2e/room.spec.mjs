// Issue 7, the rest: what a beginner reads (statements numbered from 1, no doubled words), the flow
// picture (a refused hop kept with its ✗, account boundaries), typed as a person does in Chromium.
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = join(HERE, 'screenshots');

async function open(page) {
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.goto('/');
  await expect(page.getByTestId('verdict')).toBeVisible();
  return errors;
}

// Picks a story from the menu, answering "Replace my edits" when the page asks.
async function loadPreset(page, id) {
  await page.getByTestId('preset').selectOption(id);
  const confirm = page.getByTestId('confirm');
  await expect.poll(async () => (await confirm.count()) > 0 || (await page.getByTestId('preset').inputValue()) === id).toBe(true);
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  await expect(page.getByTestId('preset')).toHaveValue(id);
}

// Replaces what a field holds by typing, as a person does: click, select all, type.
async function retype(page, selector, text) {
  await page.locator(selector).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

const verdict = (page) => page.getByTestId('verdict');
const picture = (page) => page.getByTestId('flow-picture');
const hops = (page) => picture(page).locator('g.hop');

async function shoot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

for (const lang of ['en', 'ja']) {
  test(`statements are numbered from 1 and no policy is named twice (${lang})`, async ({ page }) => {
    const errors = await open(page);
    await page.locator(`.language-switch button[lang=${lang}]`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    // The first story: AmazonEC2FullAccess has statements without a Sid.
    // Every word of the results, collapsed details included.
    const text = await page.locator('.pane-results').evaluate((pane) => pane.textContent);
    // (`awscrt#0.19.19` in the CloudTrail user agent is not a statement.)
    expect(text).toMatch(/(^|\W)#1\b/);
    expect(text).not.toMatch(/(^|\W)#0\b/);
    expect(text).toMatch(/trust policy/);
    expect(text).not.toMatch(/trust policy\)? `trust policy`/);
    expect(text).not.toMatch(/boundary\)? `permissions boundary`/);
    expect(errors).toEqual([]);
  });
}

test('a hop STS refuses stays in the picture with its ✗, and the hop after it is drawn unreached', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'role-chaining');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'true');
  await expect(hops(page)).toHaveCount(2);
  // A third hop, then two hours on the second: a chained session lasts one hour at most
  // ("Methods to assume a role"), so STS refuses the second hop before reading any policy.
  await page.getByTestId('add-hop').click();
  await expect(hops(page)).toHaveCount(3);
  await retype(page, '#in-action-chain-0-durationSeconds', '7200');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'false');
  await expect(hops(page)).toHaveCount(3);
  await expect(hops(page).nth(0)).toHaveAttribute('data-decision', 'allowed');
  await expect(hops(page).nth(1)).toHaveAttribute('data-decision', 'failed');
  await expect(hops(page).nth(1).locator('.hop-mark')).toHaveText('✗');
  await expect(hops(page).nth(2)).toHaveAttribute('data-decision', 'skipped');
  await expect(hops(page).nth(2).locator('.hop-mark')).toHaveText('–');
  await expect(picture(page).locator('g.node')).toHaveCount(4);
  await expect(picture(page)).toHaveAttribute('aria-label', /RoleA → sts:AssumeRole ✗ → RoleB/);
  // Back to one hour: the second hop passes again.
  await retype(page, '#in-action-chain-0-durationSeconds', '3600');
  await expect(hops(page).nth(1)).toHaveAttribute('data-decision', 'allowed');
  // A first hop to a role the world does not have keeps that role in the picture, refused.
  await retype(page, '#in-action-assumeRole-role', 'arn:aws:iam::111122223333:role/Nobody');
  await expect(hops(page).nth(0)).toHaveAttribute('data-decision', 'failed');
  await expect(picture(page).locator('g.node .node-label').nth(1)).toHaveText('Nobody');
  await expect(hops(page)).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a cross-account flow draws each account; a flow in one account draws none', async ({ page }) => {
  const errors = await open(page);
  await expect(picture(page).locator('.account-boundary')).toHaveCount(0);
  await loadPreset(page, 'cross-account-assume-role');
  const boundaries = picture(page).locator('.account-boundary');
  await expect(boundaries).toHaveCount(2);
  await expect(boundaries.nth(0)).toHaveAttribute('data-account', '111122223333');
  await expect(boundaries.nth(1)).toHaveAttribute('data-account', '444455556666');
  await expect(picture(page)).toHaveAttribute('aria-label', /444455556666: AuditReadOnly/);
  // Moving the role into the caller's account (typed into the role field) removes the boundaries.
  await retype(page, '#in-action-assumeRole-role', 'arn:aws:iam::111122223333:role/AuditReadOnly');
  await expect(boundaries).toHaveCount(0);
  await loadPreset(page, 'cross-account-passrole');
  await expect(boundaries).toHaveCount(2);
  expect(errors).toEqual([]);
});

// Screenshots are artefacts for people to look at (tests/e2e/screenshots/), not compared.
for (const width of [1280, 390]) {
  test(`the picture, the builder and a paste offer at ${width}px in English and Japanese (artefacts, not compared)`, async ({ page, context }) => {
    test.setTimeout(60_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width, height: 900 });
    await open(page);
    for (const lang of ['en', 'ja']) {
      await page.locator(`.language-switch button[lang=${lang}]`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await loadPreset(page, 'cross-account-assume-role');
      await picture(page).screenshot({ path: join(SCREENSHOTS, `room-picture-cross-${lang}-${width}.png`) });
      await page.locator('section.editor', { has: page.getByTestId('aws-managed') }).first().screenshot({ path: join(SCREENSHOTS, `room-managed-${lang}-${width}.png`) });
      await loadPreset(page, 'role-chaining');
      await page.getByTestId('add-hop').click();
      await retype(page, '#in-action-chain-0-durationSeconds', '7200');
      await expect(hops(page).nth(1)).toHaveAttribute('data-decision', 'failed');
      await picture(page).screenshot({ path: join(SCREENSHOTS, `room-picture-refused-${lang}-${width}.png`) });
      await shoot(page, `room-refused-${lang}-${width}`);
      await page.getByTestId('boundary-roles-1').click();
      await page.locator('.pane-scenario').screenshot({ path: join(SCREENSHOTS, `room-builder-${lang}-${width}.png`) });
      await page.locator('#ed-roles-0-trustPolicy').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.evaluate((text) => navigator.clipboard.writeText(text), GET_ROLE);
      await page.keyboard.press('ControlOrMeta+V');
      await expect(page.getByTestId('paste-offer')).toBeVisible();
      await page.locator('section.editor', { has: page.getByTestId('paste-offer') }).screenshot({ path: join(SCREENSHOTS, `room-paste-${lang}-${width}.png`) });
    }
  });
}

const saved = (page) => page.evaluate(() => localStorage.getItem('omen.autosave.v1') ?? '');

test('the world builder adds and removes roles, users, inline policies and boundaries; MFA, console switch and then-actions apply', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'role-chaining');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  // A new role, in the world's account, trusting that account; its editor appears.
  await page.getByTestId('add-role').click();
  await expect(page.locator('#ed-roles-2-trustPolicy')).toHaveValue(/arn:aws:iam::111122223333:root/);
  await expect(page.locator('#in-role-2-name')).toHaveValue('Role1');
  // Renamed as typed, then given an inline policy the person types into.
  await retype(page, '#in-role-2-name', 'Auditor');
  await page.keyboard.press('Tab');
  await expect.poll(() => saved(page)).toContain('role/Auditor');
  await page.getByTestId('add-roles-2-policy').click();
  const inline = page.locator('#ed-roles-2-policies-0-document');
  await expect(inline).toHaveValue(/s3:ListAllMyBuckets/);
  await inline.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' ');
  await expect.poll(() => saved(page)).toContain('"name":"Policy1"');
  await page.getByTestId('remove-roles-2-policy-0').click();
  await expect(inline).toHaveCount(0);
  // A role the action assumes is not removed: the page says why; an unused one is.
  await page.getByTestId('remove-roles-0').click();
  await expect(page.getByTestId('notice')).toContainText('still uses it');
  await expect(page.locator('#ed-roles-0-trustPolicy')).toHaveCount(1);
  await page.getByTestId('remove-roles-2').click();
  await expect(page.locator('#ed-roles-2-trustPolicy')).toHaveCount(0);
  // A permissions boundary on RoleA: the starter allows everything, so nothing changes; typed
  // down to S3, it caps RoleA's session, which may then no longer call sts:AssumeRole for the
  // second hop ("Permissions boundaries for IAM entities").
  await page.getByTestId('boundary-roles-0').click();
  const boundary = page.locator('#ed-roles-0-permissionsBoundary-document');
  await expect(boundary).toHaveValue(/"Action": "\*"/);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  await boundary.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}');
  // RoleA's session may no longer call sts:AssumeRole for the second hop.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'false');
  await page.getByTestId('boundary-roles-0').click();
  await expect(boundary).toHaveCount(0);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  // Alice renamed: the caller and RoleA's trust policy follow, and the chain still succeeds.
  await retype(page, '#in-user-0-name', 'carol');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('notice')).toContainText('User renamed');
  await expect(page.locator('#in-action-assumeRole-caller')).toHaveValue('arn:aws:iam::111122223333:user/carol');
  await expect(page.locator('#ed-roles-0-trustPolicy')).toHaveValue(/user\/carol"/);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  // A user, with MFA.
  await page.getByTestId('add-user').click();
  await expect(page.locator('#in-users-1-mfa')).toHaveCount(1);
  await page.locator('label[for=in-users-1-mfa]').click();
  await expect.poll(() => saved(page)).toContain('"arn":"arn:aws:iam::111122223333:user/user1"');
  await expect.poll(() => saved(page)).toContain('"mfa":true');
  await page.getByTestId('remove-users-1').click();
  await expect(page.locator('#in-users-1-mfa')).toHaveCount(0);
  // TransitiveTagKeys, typed as a list: `team` is carried to the second hop's session too.
  await expect(page.locator('#in-action-assumeRole-transitiveTagKeys')).toHaveValue('project');
  await retype(page, '#in-action-assumeRole-transitiveTagKeys', 'project, team');
  await page.keyboard.press('Tab');
  await expect.poll(() => saved(page)).toContain('"transitiveTagKeys":["project","team"]');
  // Console switch role.
  await page.locator('label[for=in-action-assumeRole-viaConsoleSwitchRole]').click();
  await expect.poll(() => saved(page)).toContain('"viaConsoleSwitchRole":true');
  expect(errors).toEqual([]);
});

test('the actions tried wearing the mask are typed as a list', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'cross-account-assume-role');
  const then = page.locator('#in-action-then');
  await expect(then).toHaveValue('s3:ListAllMyBuckets, iam:CreateUser');
  await retype(page, '#in-action-then', 's3:ListAllMyBuckets, iam:ListRoles');
  await page.keyboard.press('Tab');
  await expect.poll(() => saved(page)).toContain('"then":["s3:ListAllMyBuckets","iam:ListRoles"]');
  await expect(page.locator('.pane-results')).toContainText('iam:ListRoles');
  expect(errors).toEqual([]);
});

// What `aws iam get-role` and `get-role-policy` print (the documents URL-decoded, as the CLI
// does), and a document as the raw API returns it (URL-encoded).
const GET_ROLE = JSON.stringify({
  Role: {
    Path: '/', RoleName: 'RoleA', RoleId: 'AROAEXAMPLEID1234567', Arn: 'arn:aws:iam::111122223333:role/RoleA',
    CreateDate: '2024-01-01T00:00:00+00:00', MaxSessionDuration: 3600,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'FromCli', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }] },
  },
}, null, 4);
const GET_ROLE_POLICY = JSON.stringify({
  RoleName: 'RoleA', PolicyName: 'HopToRoleB',
  PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'Pasted', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Resource: 'arn:aws:iam::111122223333:role/RoleB' }] },
}, null, 2);
const ENCODED = encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Sid":"Encoded","Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Resource":"arn:aws:iam::111122223333:role/RoleB"}]}');

test('pasting AWS CLI output into an editor offers to unwrap it to the policy document in one click', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = await open(page);
  await loadPreset(page, 'role-chaining');
  const cases = [
    ['#ed-roles-0-trustPolicy', GET_ROLE, 'aws iam get-role', 'FromCli', true],
    ['#ed-roles-0-policies-0-document', GET_ROLE_POLICY, 'aws iam get-role-policy', 'Pasted', false],
    ['#ed-roles-0-policies-0-document', ENCODED, 'policy document', 'Encoded', false],
  ];
  for (const [editor, clip, said, sid, keep] of cases) {
    const area = page.locator(editor);
    await area.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.evaluate((text) => navigator.clipboard.writeText(text), clip);
    await page.keyboard.press('ControlOrMeta+V');
    // Pasted as it is, then offered.
    await expect(area).toHaveValue(clip);
    const offer = page.getByTestId('paste-offer');
    await expect(offer).toContainText(said);
    if (keep) {
      // Keep as pasted: nothing changes but the offer goes; the paste is offered again.
      await offer.getByRole('button', { name: 'Keep as pasted' }).click();
      await expect(offer).toHaveCount(0);
      await expect(area).toHaveValue(clip);
      await area.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('ControlOrMeta+V');
    }
    await page.getByTestId('unwrap').click();
    await expect(offer).toHaveCount(0);
    await expect(area).toHaveValue(new RegExp(`"Sid": "${sid}"`));
    await expect(area).not.toHaveValue(/RoleName|%22/);
    await expect(area).toBeFocused();
    await expect.poll(() => saved(page)).toContain(`\\"Sid\\": \\"${sid}\\"`);
  }
  // The unwrapped documents play: the chain still succeeds.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  // A policy pasted as it is gets no offer.
  const area = page.locator('#ed-roles-0-policies-0-document');
  await area.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), decodeURIComponent(ENCODED));
  await page.keyboard.press('ControlOrMeta+V');
  await expect(area).toHaveValue(decodeURIComponent(ENCODED));
  await expect(page.getByTestId('paste-offer')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an AWS managed policy\'s editor says so, and copies it to a customer managed policy in its place', async ({ page }) => {
  const errors = await open(page);
  const user = page.locator('section.editor[data-pointer="/users/0/policies/0/document"]');
  const role = page.locator('section.editor[data-pointer="/roles/0/policies/0/document"]');
  await expect(user.getByTestId('aws-managed')).toHaveText('AWS managed: AWS would not let you change it');
  await expect(role.getByTestId('aws-managed')).toHaveCount(1);
  await expect(page.locator('section.editor[data-pointer="/roles/0/trustPolicy"]').getByTestId('aws-managed')).toHaveCount(0);
  const before = await user.locator('textarea').inputValue();
  await user.getByTestId('copy-managed').click();
  await expect(user.getByTestId('aws-managed')).toHaveCount(0);
  await expect(user.locator('.editor-label')).toContainText('AmazonEC2FullAccessCopy');
  await expect(user.locator('textarea')).toHaveValue(before);
  await expect.poll(() => saved(page)).toContain('"name":"AmazonEC2FullAccessCopy"');
  expect(await saved(page)).not.toContain('"name":"AmazonEC2FullAccess",');
  // The role's is still AWS managed; in Japanese it says so in Japanese.
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(role.getByTestId('aws-managed')).toHaveText('AWS 管理ポリシー: AWS では変更できません');
  await expect(role.getByTestId('copy-managed')).toHaveText('カスタマー管理ポリシーにコピー');
  expect(errors).toEqual([]);
});
