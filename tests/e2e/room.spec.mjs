// Issue 7, the rest: what a beginner reads (statements numbered from 1, no doubled words), the flow
// picture (a refused hop kept with its ✗, account boundaries), typed as a person does in Chromium.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { loadPreset, open, retype, saved, shoot, SCREENSHOTS } from './page.mjs';

const verdict = (page) => page.getByTestId('verdict');
const picture = (page) => page.getByTestId('flow-picture');
const hops = (page) => picture(page).locator('g.hop');

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


test('the world builder is not in the first load: the pane says it is loading (English and Japanese), then it loads after the first verdict and its edits are the page\'s', async ({ page }) => {
  // The builder's module is held back until released: the pane is never blank meanwhile.
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const asked = [];
  await page.route('**/builder/omen-builder-ui*', async (route) => {
    asked.push(new URL(route.request().url()).pathname);
    await gate;
    await route.continue();
  });
  const errors = await open(page);
  const loading = page.getByTestId('builder-loading');
  await expect(loading).toHaveText('Loading the world builder…');
  await expect.poll(() => asked.length).toBeGreaterThan(0);
  await expect(page.getByTestId('scenario')).toHaveCount(0);
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(loading).toHaveText('ワールドビルダーを読み込んでいます…');
  release();
  // Drawn in the page's language; the loading line gone.
  await expect(page.getByTestId('scenario')).toBeVisible();
  await expect(loading).toBeHidden();
  await expect(page.locator('#in-action-passRole-caller')).toHaveValue(/:user\//);
  await expect(page.getByTestId('add-role')).toContainText('ロール');
  await page.locator('.language-switch button[lang=en]').click();
  await expect(page.getByTestId('add-role')).toContainText('role');
  // A world_edit goes to the page as its own edit: the editor appears, Undo-able removal, a notice.
  await page.getByTestId('add-role').click();
  await expect(page.locator('#in-role-1-name')).toHaveValue('Role1');
  await expect(page.locator('#ed-roles-1-trustPolicy')).toBeVisible();
  await page.getByTestId('remove-roles-0').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.locator('#in-role-0-name')).toBeVisible();
  // Under the content-hashed names the page's #omen-modules block gives them (scripts/module-names).
  expect(asked.map((path) => path.replace(/-[0-9a-f]{16}[.]/, '-HASH.')).sort()).toEqual(['/builder/omen-builder-ui-HASH.js', '/builder/omen-builder-ui_bg-HASH.wasm']);
  expect(errors).toEqual([]);
});

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
  await page.getByTestId('remove-roles-2-policies-0').click();
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

test('the actions tried wearing the mask: each typed with its resource, added and removed', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'cross-account-assume-role');
  await expect(page.locator('#in-action-then-0-action')).toHaveValue('s3:ListAllMyBuckets');
  await expect(page.locator('#in-action-then-1-action')).toHaveValue('iam:CreateUser');
  await retype(page, '#in-action-then-1-action', 'iam:ListRoles');
  await expect.poll(() => saved(page)).toContain('"then":["s3:ListAllMyBuckets","iam:ListRoles"]');
  await expect(page.locator('.pane-results')).toContainText('iam:ListRoles');
  // One more, typed with the object it reads: the session tries it on that resource.
  await page.getByTestId('add-action-then').click();
  await retype(page, '#in-action-then-2-action', 's3:GetObject');
  await retype(page, '#in-action-then-2-resource', 'arn:aws:s3:::reports/q1.csv');
  await expect.poll(() => saved(page)).toContain('{"action":"s3:GetObject","resource":"arn:aws:s3:::reports/q1.csv"}');
  await expect(page.locator('.pane-results')).toContainText('arn:aws:s3:::reports/q1.csv');
  // Its resource emptied: the action is tried on `*` again, written as a plain string.
  await retype(page, '#in-action-then-2-resource', '');
  await page.keyboard.press('Backspace');
  await expect.poll(() => saved(page)).toContain('"then":["s3:ListAllMyBuckets","iam:ListRoles","s3:GetObject"]');
  await page.getByTestId('remove-action-then-0').click();
  await expect.poll(() => saved(page)).toContain('"then":["iam:ListRoles","s3:GetObject"]');
  await expect(page.locator('#in-action-then-0-action')).toHaveValue('iam:ListRoles');
  expect(errors).toEqual([]);
});

test('PassRole: the resource the API names and the parameter that takes the role apply as typed', async ({ page }) => {
  const errors = await open(page);
  // The first story: ec2:RunInstances; the instance id is the iam:AssociatedResourceARN EC2 sends.
  await retype(page, '#in-action-passRole-resourceName', 'i-0fedcba9876543210');
  await expect.poll(() => saved(page)).toContain('"resourceName":"i-0fedcba9876543210"');
  await expect(page.locator('.pane-results')).toContainText('instance/i-0fedcba9876543210');
  // ECS takes a task role and an execution role: the one chosen is the one passed.
  await page.locator('#in-api').selectOption('ecs:RegisterTaskDefinition');
  const parameter = page.locator('#in-action-passRole-parameter');
  await expect(parameter.locator('option')).toHaveText(['taskRoleArn', 'executionRoleArn']);
  await expect(parameter).toHaveValue('taskRoleArn');
  await parameter.selectOption('executionRoleArn');
  await expect.poll(() => saved(page)).toContain('"parameter":"executionRoleArn"');
  // Another API has its own parameter: the ECS one is dropped.
  await page.locator('#in-api').selectOption('lambda:CreateFunction');
  await expect(parameter).toHaveValue('Role');
  await expect.poll(() => saved(page)).toContain('"api":"lambda:CreateFunction"');
  expect(await saved(page)).not.toContain('"parameter"');
  expect(errors).toEqual([]);
});

test('a service putting on the mask sends aws:SourceAccount and aws:SourceArn, and a trust policy checks them (confused deputy)', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'service-assumes-role');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'true');
  // The story's action tried in the session, with its resource (given as an object).
  await expect(page.locator('#in-action-then-0-action')).toHaveValue('s3:GetObject');
  await expect(page.locator('#in-action-then-0-resource')).toHaveValue('arn:aws:s3:::app-config/settings.json');
  // "The confused deputy problem": the trust policy names whose resources EC2 may act for.
  const trust = page.locator('#ed-roles-0-trustPolicy');
  await trust.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}, "ArnLike": {"aws:SourceArn": "arn:aws:ec2:us-east-1:111122223333:instance/*"}}}]}');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'false');
  await expect(page.getByTestId('scenario')).toContainText('The confused deputy problem');
  // For another account's instance: refused.
  await retype(page, '#in-action-assumeRole-sourceAccount', '444455556666');
  await retype(page, '#in-action-assumeRole-sourceArn', 'arn:aws:ec2:us-east-1:444455556666:instance/i-0123456789abcdef0');
  await expect.poll(() => saved(page)).toContain('"sourceAccount":"444455556666"');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'false');
  // For this account's instance: allowed.
  await retype(page, '#in-action-assumeRole-sourceAccount', '111122223333');
  await retype(page, '#in-action-assumeRole-sourceArn', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'true');
  await expect.poll(() => saved(page)).toContain('"sourceArn":"arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0"');
  // The session's action keeps the account the story gave its resource when the resource is retyped.
  await retype(page, '#in-action-then-0-resource', 'arn:aws:s3:::app-config/other.json');
  await expect.poll(() => saved(page)).toContain('{"action":"s3:GetObject","resource":"arn:aws:s3:::app-config/other.json","resourceAccount":"111122223333"}');
  expect(errors).toEqual([]);
});

test('a world whose documents and tags are given as JSON shows them formatted, never as empty fields', async ({ page }) => {
  const errors = await open(page);
  const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
  const world = {
    name: 'Given as JSON',
    accounts: [{ id: '111122223333' }],
    users: [{ arn: 'arn:aws:iam::111122223333:user/alice', policies: [{ name: 'Hop', document: allow }] }],
    roles: [{
      arn: 'arn:aws:iam::111122223333:role/Reader',
      trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 'sts:AssumeRole' }] },
      tags: [{ Key: 'team', Value: 'blue' }],
    }],
    action: { assumeRole: { caller: 'arn:aws:iam::111122223333:user/alice', role: 'arn:aws:iam::111122223333:role/Reader', roleSessionName: 'alice' } },
  };
  await page.getByTestId('import').setInputFiles({ name: 'objects.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(world)) });
  const confirm = page.getByTestId('confirm');
  await expect.poll(async () => (await confirm.count()) > 0 || (await page.locator('#in-roles-0-tags').count()) > 0).toBe(true);
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'true');
  await expect(page.locator('#ed-roles-0-trustPolicy')).toHaveValue(/\n\s+"Principal"/);
  await expect(page.locator('#ed-users-0-policies-0-document')).toHaveValue(/\n\s+"Statement"/);
  await expect(page.locator('#in-roles-0-tags')).toHaveValue('team=blue');
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

test('an AWS managed policy is read-only: typing, deleting and pasting change nothing and say so once; its text copies; the copy button makes it editable', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = await open(page);
  const user = page.locator('section.editor[data-pointer="/users/0/policies/0/document"]');
  const area = user.locator('textarea');
  const before = await area.inputValue();
  expect(before).toContain('"ec2:*"');
  // A person clicks into the text and types, deletes, breaks a line and pastes.
  const box = await area.boundingBox();
  await page.mouse.click(box.x + 80, box.y + 40);
  await page.keyboard.type('abc');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await page.evaluate(() => navigator.clipboard.writeText('{"Statement": []}'));
  await page.keyboard.press('ControlOrMeta+V');
  await expect(area).toHaveValue(before);
  // Said once, with the copy one click away; nothing was edited (the story is still the story).
  const said = user.getByTestId('read-only-said');
  await expect(said).toHaveCount(1);
  await expect(said).toContainText('AWS managed policies cannot be edited');
  await expect(said.getByTestId('copy-managed-said')).toHaveText('Copy to a customer managed policy');
  await expect(page.getByTestId('preset').locator('option:checked')).not.toContainText('(edited)');
  await expect(user.getByRole('button', { name: /^Format/ })).toHaveCount(0);
  // Its text can be selected and copied as it is (the message moved it down: clicked anew).
  await area.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(before);
  // In Japanese, in Japanese.
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(said).toContainText('AWS 管理ポリシーは編集できません');
  await page.locator('.language-switch button[lang=en]').click();
  // One click from the message: a customer managed copy in its place, which takes typing.
  await said.getByTestId('copy-managed-said').click();
  await expect(user.getByTestId('aws-managed')).toHaveCount(0);
  await expect(said).toHaveCount(0);
  await expect(user.locator('.editor-label')).toContainText('AmazonEC2FullAccessCopy');
  await expect(area).toBeEditable();
  const at = before.indexOf('"Statement"');
  await area.click();
  await area.evaluate((element, at) => element.setSelectionRange(at, at), at);
  await page.keyboard.type('"Id": "Mine", ');
  await expect(area).toHaveValue(before.slice(0, at) + '"Id": "Mine", ' + before.slice(at));
  await expect.poll(() => saved(page)).toContain('\\"Id\\": \\"Mine\\"');
  await expect(page.getByTestId('preset').locator('option:checked')).toContainText('(edited)');
  expect(errors).toEqual([]);
});

test('the world builder: paths rewrite ARNs, user tags, groups with their policies, accounts with SCP and RCP levels, and Remove on an editor with Undo', async ({ page }) => {
  const errors = await open(page);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-failed-step', 'passRole');
  // Paths are part of the ARN: the action follows when the field is left.
  await retype(page, '#in-roles-0-path', '/team/');
  await page.keyboard.press('Tab');
  await expect(page.locator('#in-action-passRole-role')).toHaveValue('arn:aws:iam::111122223333:role/team/EC2-roles-for-XYZ');
  await retype(page, '#in-users-0-path', '/people/');
  await page.keyboard.press('Tab');
  await expect(page.locator('#in-action-passRole-caller')).toHaveValue('arn:aws:iam::111122223333:user/people/test-user');
  await expect(verdict).toHaveAttribute('data-failed-step', 'passRole');
  // A path IAM would refuse changes nothing and says why.
  await retype(page, '#in-users-0-path', 'people');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('notice')).toContainText('not a path IAM accepts');
  await expect(page.locator('#in-action-passRole-caller')).toHaveValue(/user\/people\/test-user$/);
  // User tags, applied once the field is left.
  await retype(page, '#in-users-0-tags', 'team=blue');
  await page.keyboard.press('Tab');
  await expect.poll(() => saved(page)).toContain('"tags":{"team":"blue"}');
  // A group, renamed, given a policy that allows iam:PassRole: its members may pass.
  await page.getByTestId('add-group-0').click();
  await retype(page, '#in-users-0-groups-0-name', 'Deployers');
  await page.keyboard.press('Tab');
  await expect.poll(() => saved(page)).toContain('"groups":[{"name":"Deployers"}]');
  await page.getByTestId('add-users-0-groups-0-policy').click();
  const grouped = page.locator('#ed-groups-0-policies-0-document');
  await expect(grouped).toHaveValue(/s3:ListAllMyBuckets/);
  await grouped.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}');
  await expect(verdict).toHaveAttribute('data-succeeded', 'true');
  await expect.poll(() => saved(page)).toContain('"name":"Deployers","policies":[{');
  // Remove on the editor itself: the policy goes, the page says Undo brings it back, and it does.
  await page.locator('section.editor[data-pointer="/groups/0/policies/0/document"]').getByTestId('remove-editor').click();
  await expect(grouped).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Policy removed');
  await expect(verdict).toHaveAttribute('data-failed-step', 'passRole');
  await page.getByTestId('undo').click();
  await expect(grouped).toHaveValue(/iam:PassRole/);
  await expect(verdict).toHaveAttribute('data-succeeded', 'true');
  // A second user joins the same group: one group, two members, one policy ("IAM user groups").
  await page.getByTestId('add-user').click();
  await page.getByTestId('join-group-1-Deployers').click();
  await expect(page.locator('#in-users-1-groups-0-name')).toHaveValue('Deployers');
  await expect(page.locator('section.editor[data-pointer^="/groups/"]')).toHaveCount(1);
  await expect.poll(async () => (await saved(page)).split('{"name":"Deployers"}').length - 1).toBe(2);
  // Renamed from either member, the group is renamed for both.
  await retype(page, '#in-users-1-groups-0-name', 'Releasers');
  await page.keyboard.press('Tab');
  await expect(page.locator('#in-users-0-groups-0-name')).toHaveValue('Releasers');
  // Leaving the group takes its policy away from the one who left; the group stays for the other.
  await page.getByTestId('remove-group-0-0').click();
  await expect(verdict).toHaveAttribute('data-failed-step', 'passRole');
  await expect(grouped).toHaveValue(/iam:PassRole/);
  await page.getByTestId('remove-users-1').click();
  // Accounts: one added with a free id; SCP and RCP levels under the first, each with its editor.
  await page.getByTestId('add-account').click();
  await expect(page.locator('#in-accounts-1-id')).toHaveValue('444455556666');
  await page.getByTestId('add-scps-0').click();
  await expect(page.locator('#ed-accounts-0-scps-0-0-document')).toHaveValue(/"Action": "\*"/);
  await page.getByTestId('add-rcps-0').click();
  await expect(page.locator('#ed-accounts-0-rcps-0-0-document')).toHaveValue(/"Principal": "\*"/);
  await page.getByTestId('add-scps-0-0-policy').click();
  await expect(page.locator('#ed-accounts-0-scps-0-1-document')).toHaveCount(1);
  await expect(verdict).toHaveAttribute('data-failed-step', 'passRole');
  // An SCP level that denies iam:PassRole is read at the caller's account.
  const scp = page.locator('#ed-accounts-0-scps-0-1-document');
  await scp.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*"}]}');
  await expect(verdict).toHaveAttribute('data-failed-step', 'api');
  await page.getByTestId('remove-accounts-0-scps-0-1').click();
  await expect(scp).toHaveCount(0);
  await expect(verdict).toHaveAttribute('data-failed-step', 'passRole');
  await page.getByTestId('remove-rcps-0-0').click();
  await expect(page.locator('#ed-accounts-0-rcps-0-0-document')).toHaveCount(0);
  // The caller's account is not removed (the page says why); the empty one is.
  await page.getByTestId('remove-account-0').click();
  await expect(page.getByTestId('notice')).toContainText('lives in that account');
  await page.getByTestId('remove-account-1').click();
  await expect(page.locator('#in-accounts-1-id')).toHaveCount(0);
  expect(errors).toEqual([]);
  // The builder at a desk and on a phone, in both languages (artefacts, looked at by hand).
  await page.getByTestId('add-group-0').click();
  for (const [width, lang] of [[1280, 'en'], [1280, 'ja'], [390, 'en'], [390, 'ja']]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator(`.language-switch button[lang=${lang}]`).click();
    await page.getByTestId('scenario').scrollIntoViewIfNeeded();
    await shoot(page, `builder-${width}-${lang}`);
  }
});

// "Create a role for OpenID Connect federation" / "… for SAML 2.0 federation": the action can be a
// federated call, made in the builder like the others; the story's EC2 role does not trust the
// provider, so STS refuses, and switching back to PassRole keeps the role.
test('the action can be a federated call: AssumeRoleWithWebIdentity or AssumeRoleWithSAML, and back', async ({ page }) => {
  const errors = await open(page);
  const scenario = page.getByTestId('scenario');
  await page.locator('#flow-webidentity').check();
  await expect(scenario).toContainText('GitHub Actions workflow run');
  await expect(page.locator('#in-action-assumeRoleWithWebIdentity-provider')).toHaveValue(/:oidc-provider\/token\.actions\.githubusercontent\.com$/);
  await expect(page.getByTestId('summary-flow')).toHaveText('AssumeRole');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'false');
  await page.locator('.language-switch button[lang=ja]').click();
  await page.locator('#flow-saml').check();
  await expect(scenario).toContainText('社内 IdP のアサーション');
  await expect(page.locator('#in-action-assumeRoleWithSaml-provider')).toHaveValue(/:saml-provider\/ExampleIdP$/);
  await page.locator('#flow-passrole').check();
  await expect(page.getByTestId('summary-flow')).toHaveText('PassRole');
  expect(errors).toEqual([]);
});

// Imports `world` through the Import button, answering "Replace my edits" when the page asks.
async function importWorld(page, world, ready) {
  await page.getByTestId('import').setInputFiles({ name: 'world.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(world)) });
  const confirm = page.getByTestId('confirm');
  await expect.poll(async () => (await confirm.count()) > 0 || (await page.locator(ready).count()) > 0).toBe(true);
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  await expect(page.locator(ready)).toHaveCount(1);
}

// "IAM user groups": a user can only be in groups of its own account.
test('groups belong to an account: a user joins only groups of its own account, and a new group is made in the user\'s', async ({ page }) => {
  const errors = await open(page);
  const allow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }, null, 4);
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 'sts:AssumeRole' }] }, null, 4);
  const world = {
    name: 'Two accounts, one group each',
    accounts: [{ id: '111122223333' }, { id: '444455556666' }],
    users: [
      { arn: 'arn:aws:iam::111122223333:user/alice', policies: [{ name: 'Hop', document: allow }], groups: [{ name: 'auditors' }] },
      { arn: 'arn:aws:iam::444455556666:user/bob', groups: [{ name: 'auditors' }] },
    ],
    groups: [{ name: 'auditors', account: '444455556666', policies: [] }],
    roles: [{ arn: 'arn:aws:iam::111122223333:role/Reader', trustPolicy: trust }],
    action: { assumeRole: { caller: 'arn:aws:iam::111122223333:user/alice', role: 'arn:aws:iam::111122223333:role/Reader', roleSessionName: 'alice' } },
  };
  await importWorld(page, world, '#in-users-1-groups-0-name');
  // Alice names bob's group of the other account: the page says it cannot be hers.
  const problems = page.locator('.world-problems');
  await expect(problems).toContainText('can only be in groups of its own account');
  const hint = (account) => page.getByTestId('scenario').locator('p.hint', { hasText: `In account ${account}:` });
  await expect(hint('444455556666')).toHaveCount(2);
  await page.getByTestId('remove-group-0-0').click();
  await expect(problems).toHaveCount(0);
  await expect(hint('444455556666')).toHaveCount(1);
  // Alice is not offered bob's group; a new group is made in her account.
  await expect(page.getByTestId('groups-0')).toBeVisible();
  await expect(page.getByTestId('join-group-0-auditors')).toHaveCount(0);
  await page.getByTestId('add-group-0').click();
  await expect(hint('111122223333')).toHaveCount(1);
  await expect.poll(() => saved(page)).toContain('"account":"111122223333"');
  // Bob, in the other account, is not offered alice's new group.
  await expect(page.getByTestId('join-group-1-Group1')).toHaveCount(0);
  // A new user, made in the first account, is offered Group1 and not auditors, and joins it.
  await page.getByTestId('add-user').click();
  await expect(page.getByTestId('join-group-2-auditors')).toHaveCount(0);
  await page.getByTestId('join-group-2-Group1').click();
  await expect(page.locator('#in-users-2-groups-0-name')).toHaveValue('Group1');
  await expect(hint('111122223333')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('each hop of a chain has its own actions tried wearing its mask, shown in the results under that hop\'s session', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'role-chaining');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'true');
  // Hop 1 (RoleA) has a list of its own; the last session's list stays where it was.
  const scenario = page.getByTestId('scenario');
  await expect(scenario).toContainText("Then, wearing hop 1's mask");
  await page.getByTestId('add-action-assumeRole-then').click();
  await retype(page, '#in-action-assumeRole-then-0-action', 's3:GetObject');
  await retype(page, '#in-action-assumeRole-then-0-resource', 'arn:aws:s3:::omen-reports/2024/q1.csv');
  await expect.poll(() => saved(page)).toContain('"then":[{"action":"s3:GetObject","resource":"arn:aws:s3:::omen-reports/2024/q1.csv"}]');
  // RoleA's mask cannot read the report (only RoleB's can): hop 1's step says so, as RoleA's session.
  const first = page.locator('#step-hop1-then-0');
  await expect(first).toHaveAttribute('data-decision', /deny/i);
  await expect(first).toContainText('assumed-role/RoleA/alice');
  const last = page.locator('#step-then-0');
  await expect(last).toHaveAttribute('data-decision', 'allowed');
  await expect(last).toContainText('assumed-role/RoleB/alice-hop2');
  // A second hop added: hop 2 (RoleB) now has a list of its own too.
  await page.getByTestId('add-hop').click();
  await expect(scenario).toContainText("Then, wearing hop 2's mask");
  await expect(page.getByTestId('add-action-chain-0-then')).toBeVisible();
  await page.getByTestId('remove-hop-3').click();
  await expect(page.getByTestId('add-action-chain-0-then')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an action tried wearing the mask takes the resource\'s account, the region and request context keys, as typed', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'role-chaining');
  // The story's action gives its bucket's account: its further fields are open and show it.
  const more = page.locator('details.more', { has: page.locator('#in-action-then-0-region') });
  await expect(more).toHaveAttribute('open', /.*/);
  await expect(page.locator('#in-action-then-0-resourceAccount')).toHaveValue('111122223333');
  // Hop 1's action, denied, is given a region and a context key: the decoded message carries them.
  await page.getByTestId('add-action-assumeRole-then').click();
  const extra = page.locator('details.more', { has: page.locator('#in-action-assumeRole-then-0-region') });
  await expect(extra).not.toHaveAttribute('open', /.*/);
  await extra.locator('summary').click();
  await retype(page, '#in-action-assumeRole-then-0-region', 'eu-west-1');
  await retype(page, '#in-action-assumeRole-then-0-context', 'aws:SourceVpc=vpc-1a2b3c4d, aws:TagKeys=["team","env"]');
  await page.keyboard.press('Tab');
  await expect.poll(() => saved(page)).toContain('{"action":"s3:ListAllMyBuckets","context":{"aws:SourceVpc":"vpc-1a2b3c4d","aws:TagKeys":["team","env"]},"region":"eu-west-1"}');
  await expect(page.locator('#in-action-assumeRole-then-0-context')).toHaveValue('aws:SourceVpc=vpc-1a2b3c4d, aws:TagKeys=["team","env"]');
  const step = page.locator('#step-hop1-then-0');
  await step.locator('details.decoded summary').click();
  await expect(step.getByTestId('decoded')).toContainText('vpc-1a2b3c4d');
  await expect(step.getByTestId('decoded')).toContainText('eu-west-1');
  // Emptied, the fields leave the world.
  await retype(page, '#in-action-assumeRole-then-0-region', '');
  await page.keyboard.press('Backspace');
  await retype(page, '#in-action-assumeRole-then-0-context', '');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  await expect.poll(() => saved(page)).toContain('"then":["s3:ListAllMyBuckets"]');
  expect(errors).toEqual([]);
});

for (const width of [1280, 390]) {
  test(`groups in accounts and each hop's actions at ${width}px in English and Japanese (artefacts, not compared)`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width, height: 900 });
    await open(page);
    for (const lang of ['en', 'ja']) {
      await page.locator(`.language-switch button[lang=${lang}]`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await loadPreset(page, 'role-chaining');
      await page.getByTestId('add-action-assumeRole-then').click();
      await page.locator('details.more', { has: page.locator('#in-action-assumeRole-then-0-region') }).locator('summary').click();
      await page.getByTestId('add-group-0').click();
      await page.locator('.pane-scenario').screenshot({ path: join(SCREENSHOTS, `room-hops-groups-${lang}-${width}.png`) });
      await page.locator('.pane-results').screenshot({ path: join(SCREENSHOTS, `room-hops-results-${lang}-${width}.png`) });
    }
  });
}

test('AssumeRole with MFA: SerialNumber and TokenCode apply as typed, and STS refuses a code that is not six digits', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'mfa-required');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'true');
  const serial = page.locator('#in-action-assumeRole-mfa-serialNumber');
  const token = page.locator('#in-action-assumeRole-mfa-tokenCode');
  await expect(serial).toHaveValue('arn:aws:iam::111122223333:mfa/carol');
  await expect(token).toHaveValue('123456');
  // A five-digit code: STS refuses the call before any policy is read ("AssumeRole", TokenCode).
  await token.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect.poll(() => saved(page)).toContain('"tokenCode":"12345"');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'false');
  await page.keyboard.type('9');
  await expect(verdict(page)).toHaveAttribute('data-succeeded', 'true');
  await retype(page, '#in-action-assumeRole-mfa-serialNumber', 'arn:aws:iam::111122223333:mfa/carol-phone');
  await expect.poll(() => saved(page)).toContain('"serialNumber":"arn:aws:iam::111122223333:mfa/carol-phone"');
  // MFA off: the fields go with the parameters.
  await page.locator('label[for=in-action-assumeRole-mfa]').click();
  await expect(token).toHaveCount(0);
  expect(errors).toEqual([]);
});

// Issue 7: problems with the world itself — a role the action names that the world lacks, a
// maxSessionDuration IAM refuses — are said in the page's language; in Japanese the input and
// IAM's terms keep AWS's spelling.
test('problems with the world itself are said in Japanese in the Japanese page, and in English in the English one', async ({ page }) => {
  const errors = await open(page);
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const allow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }, null, 4);
  const world = {
    name: 'A role the world lacks',
    accounts: [{ id: '111122223333' }],
    users: [{ arn: 'arn:aws:iam::111122223333:user/alice', policies: [{ name: 'Hop', document: allow }] }],
    roles: [{ arn: 'arn:aws:iam::111122223333:role/Other', maxSessionDuration: 60 }],
    action: { assumeRole: { caller: 'arn:aws:iam::111122223333:user/alice', role: 'arn:aws:iam::111122223333:role/Missing', roleSessionName: 'alice' } },
  };
  await importWorld(page, world, '#in-role-0-name');
  const problems = page.locator('.world-problems');
  await expect(problems).toContainText('ロール `arn:aws:iam::111122223333:role/Missing` はワールドにありません');
  await expect(problems).toContainText('`maxSessionDuration` は 3600 から 43200 秒の範囲で指定します (60 ではなく)');
  await expect(problems).not.toContainText('is not in the world');
  await expect(problems).not.toContainText('must be from');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await problems.scrollIntoViewIfNeeded();
    await shoot(page, `world-problems-${width}-ja`);
  }
  await page.locator('.language-switch button[lang=en]').click();
  await expect(problems).toContainText('the role `arn:aws:iam::111122223333:role/Missing` is not in the world');
  await expect(problems).not.toContainText('ワールド');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await problems.scrollIntoViewIfNeeded();
    await shoot(page, `world-problems-${width}-en`);
  }
  expect(errors).toEqual([]);
});

// "AssumeRoleWithWebIdentity" / "AssumeRoleWithSAML" (STS API reference): the call needs no AWS
// credentials — there is no calling IAM user, and only the role's trust policy decides — so the
// builder does not offer a permissions boundary "to the caller" for a federated call; back to an
// IAM caller's AssumeRole, it does again.
test('a federated call has no caller: the builder offers no caller permissions boundary for it', async ({ page }) => {
  const errors = await open(page);
  const boundary = page.getByTestId('add-boundary');
  await expect(boundary).toBeVisible();
  for (const [choice, lang] of [['#flow-webidentity', 'en'], ['#flow-saml', 'ja']]) {
    await page.locator(`.language-switch button[lang=${lang}]`).click();
    await page.locator(choice).check();
    await expect(page.locator('#in-action-assumeRoleWith' + (choice === '#flow-saml' ? 'Saml' : 'WebIdentity') + '-provider')).toHaveCount(1);
    await expect(boundary).toHaveCount(0);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('flow-choice').scrollIntoViewIfNeeded();
      await shoot(page, `builder-federated-${width}-${lang}`);
    }
  }
  await page.locator('#flow-assumerole').check();
  await expect(boundary).toBeVisible();
  expect(errors).toEqual([]);
});

// Issue 7: a policy's own diagnostics (what IAM would refuse at save time) are said in the page's
// language — under the editor, on the underline's hover, in the refusal the findings list quotes
// and in the results — while IAM's element names and AWS's own error words keep AWS's spelling.
test('a policy error is said in Japanese in the Japanese page, under the editor, on hover and in the results', async ({ page }) => {
  const errors = await open(page);
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const editor = page.locator('[data-pointer="/users/0/policies/0/document"]');
  const copy = editor.getByTestId('copy-managed');
  if (await copy.count()) await copy.click();
  await expect(page.locator('#ed-users-0-policies-0-document')).toBeEditable();
  await retype(page, '#ed-users-0-policies-0-document',
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "NotAction": "iam:PassRole", "Resource": "*"}]}');
  const conflict = editor.locator('[data-testid=diagnostics] li').filter({ hasText: 'NotAction' }).first();
  await expect(conflict).toContainText('1 つのステートメントに `Action` と `NotAction` の両方は書けません');
  await expect(conflict).toContainText('`Action` か `NotAction` のどちらか一方だけを残してください');
  await expect(conflict).not.toContainText('cannot have both');
  await expect(editor.locator('.diag-error[title*="NotAction"]').first()).toHaveAttribute('title', /両方は書けません/);
  // The findings list (the vocabulary module's, once loaded) quotes AWS's answer in AWS's words.
  await expect(page.getByTestId('about')).toHaveAttribute('data-catalogue', 'loaded');
  await expect(editor.getByTestId('refusal').first()).toHaveText('IAM はこのポリシーの保存を拒否します: MalformedPolicyDocument');
  await expect(conflict).toContainText('両方は書けません');
  const summary = page.getByTestId('summary');
  await expect(summary).toContainText('失敗');
  await expect(summary).toContainText('MalformedPolicyDocument');
  await expect(page.locator('.pane-results')).toContainText('の保存を拒否します (1 つのステートメントに Action と NotAction の両方は書けません)');
  // The step's "AWS error" box: AWS's code (and any words AWS prints) as AWS spells them, Omen's
  // own description of the policy and the problem in Japanese.
  const awsError = page.locator('.pane-results [data-testid=aws-error] pre').first();
  await expect(awsError).toContainText('MalformedPolicyDocument');
  await expect(awsError).toContainText('アイデンティティベースのポリシー');
  await expect(awsError).toContainText('両方は書けません');
  await expect(awsError).not.toContainText('cannot have both');
  await expect(awsError).not.toContainText('identity-based policy');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await editor.scrollIntoViewIfNeeded();
    await editor.screenshot({ path: join(SCREENSHOTS, `policy-diagnostics-ja-${width}.png`) });
    await shoot(page, `policy-diagnostics-page-ja-${width}`);
  }
  await page.locator('.language-switch button[lang=en]').click();
  await expect(conflict).toContainText('a statement cannot have both `Action` and `NotAction`');
  await expect(editor.getByTestId('refusal').first()).toHaveText('IAM would refuse to save this policy: MalformedPolicyDocument');
  await expect(awsError).toContainText('identity-based policy');
  await expect(awsError).toContainText('cannot have both');
  expect(errors).toEqual([]);
});

// "AssumeRoleWithWebIdentity" / "AssumeRoleWithSAML" (STS API reference): the call needs no AWS
// credentials, so the caller's pane shows no IAM user's policies for it: it says that the
// identity provider's token calls, in the page's language.
test('a federated call\'s caller is the identity provider\'s token: the caller pane says so instead of listing a user\'s policies', async ({ page }) => {
  const errors = await open(page);
  const pane = page.locator('.pane-caller');
  await expect(pane.locator('section.editor').first()).toBeVisible();
  await page.locator('#flow-webidentity').check();
  const said = page.getByTestId('federated-caller');
  await expect(said).toContainText('No IAM user makes this call');
  await expect(said).toContainText('AssumeRoleWithWebIdentity');
  await expect(pane.locator('section.editor')).toHaveCount(0);
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(said).toContainText('この呼び出しをする IAM ユーザーはいません');
  await page.locator('#flow-saml').check();
  await expect(said).toContainText('AssumeRoleWithSAML');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await pane.scrollIntoViewIfNeeded();
    await pane.screenshot({ path: join(SCREENSHOTS, `federated-caller-ja-${width}.png`) });
  }
  await page.locator('#flow-assumerole').check();
  await expect(said).toHaveCount(0);
  await expect(pane.locator('section.editor').first()).toBeVisible();
  expect(errors).toEqual([]);
});

// "Policy evaluation logic" (cross-account): a request for another account's resource needs the
// session's own policies and the resource's policy to allow it. The builder gives an action the
// session tries a resource-based policy naming the session's role, and takes it away again.
test('the world builder: a resource-based policy on an action the session tries, the world\'s time, account names and management account, a service-linked role', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'cross-account-assume-role');
  await page.getByTestId('add-action-then').click();
  await retype(page, '#in-action-then-2-action', 's3:GetObject');
  await retype(page, '#in-action-then-2-resource', 'arn:aws:s3:::partner-reports/q1.csv');
  await page.locator('details.more', { has: page.locator('#in-action-then-2-region') }).locator('summary').click();
  await retype(page, '#in-action-then-2-resourceAccount', '999988887777');
  const step = page.locator('#step-then-2');
  await expect(step).toHaveAttribute('data-decision', /deny/i);
  const toggle = page.getByTestId('resource-policy-action-then-2');
  await expect(toggle).toHaveText('+ resource-based policy');
  await toggle.click();
  await expect.poll(() => saved(page)).toContain('"resourcePolicy":"{');
  await expect.poll(() => saved(page)).toContain('\\"AWS\\": \\"arn:aws:iam::444455556666:role/AuditReadOnly\\"');
  await expect(step).toHaveAttribute('data-decision', 'allowed');
  // Its editor is among the world's policies, as typed text a person can change.
  await expect(page.locator('#ed-action-then-2-resourcePolicy')).toHaveCount(1);
  await expect(toggle).toHaveText('− resource-based policy');
  await toggle.click();
  await expect(step).toHaveAttribute('data-decision', /deny/i);
  await expect.poll(() => saved(page)).not.toContain('resourcePolicy');
  await expect(page.locator('#ed-action-then-2-resourcePolicy')).toHaveCount(0);
  // The world's time, typed: the session's expiry follows it (DurationSeconds 3600 by default).
  await expect(page.locator('#in-now')).toHaveAttribute('placeholder', /^20\d\d-/);
  await retype(page, '#in-now', '2027-04-01T09:00:00Z');
  await expect.poll(() => saved(page)).toContain('"now":"2027-04-01T09:00:00Z"');
  await expect(page.locator('.pane-results')).toContainText('2027-04-01T10:00:00Z');
  // Each account's name and its organization's management account; a role marked service-linked.
  await retype(page, '#in-accounts-0-name', 'dev');
  await expect.poll(() => saved(page)).toContain('"name":"dev"');
  await retype(page, '#in-accounts-0-managementAccount', '111122223333');
  await expect.poll(() => saved(page)).toContain('"managementAccount":"111122223333"');
  await page.locator('#in-roles-0-serviceLinked').check();
  await expect.poll(() => saved(page)).toContain('"serviceLinked":true');
  await page.locator('#in-roles-0-serviceLinked').uncheck();
  await expect.poll(() => saved(page)).not.toContain('serviceLinked');
  expect(errors).toEqual([]);
});

// "Identity-based policies and resource-based policies" (IAM User Guide): IAM's only
// resource-based policy is a role's trust policy. The builder offers none for an `iam:` action a
// session tries; a world that has one anyway plays with it ignored and says so, as a warning (not
// as a reason the world cannot be played), in the page's language.
test('no resource-based policy for an IAM action: the builder does not offer one, and one given anyway is ignored with a warning', async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, 'cross-account-assume-role');
  await page.getByTestId('add-action-then').click();
  await retype(page, '#in-action-then-2-action', 'iam:CreateUser');
  await expect(page.locator('#step-then-2')).toHaveAttribute('data-decision', /deny/i);
  await expect(page.getByTestId('resource-policy-action-then-2')).toHaveCount(0);
  await retype(page, '#in-action-then-2-action', 's3:GetObject');
  await expect(page.getByTestId('resource-policy-action-then-2')).toHaveText('+ resource-based policy');
  // A world that carries one on an IAM action anyway.
  const role = 'arn:aws:iam::111122223333:role/Ops';
  const policy = (statement) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 4);
  const world = {
    name: 'A resource-based policy on an IAM action',
    accounts: [{ id: '111122223333' }],
    users: [{ arn: 'arn:aws:iam::111122223333:user/alice', policies: [{ name: 'AssumeOps', document: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role }) }] }],
    roles: [{ arn: role, trustPolicy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 'sts:AssumeRole' }) }],
    action: {
      assumeRole: { caller: 'arn:aws:iam::111122223333:user/alice', role, roleSessionName: 'alice' },
      then: [{ action: 'iam:CreateUser', resource: 'arn:aws:iam::111122223333:user/new-hire',
               resourcePolicy: policy({ Effect: 'Allow', Principal: { AWS: role }, Action: 'iam:CreateUser', Resource: '*' }) }],
    },
  };
  await importWorld(page, world, '#ed-action-then-0-resourcePolicy');
  await expect(page.locator('#step-then-0')).toHaveAttribute('data-decision', /deny/i);
  const warning = page.getByTestId('world-warning');
  await expect(warning).toContainText("IAM has no resource-based policies except a role's trust policy");
  await expect(warning).toContainText('is ignored');
  await expect(page.locator('.world-problems')).toHaveCount(0);
  // The builder still lets the policy be taken away.
  await expect(page.getByTestId('resource-policy-action-then-0')).toHaveText('− resource-based policy');
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(warning).toContainText('IAM のリソースベースのポリシーはロールの信頼ポリシー (trust policy) だけです');
  await expect(warning).toContainText('無視されます');
  await page.getByTestId('resource-policy-action-then-0').click();
  await expect(warning).toHaveCount(0);
  expect(errors).toEqual([]);
});
