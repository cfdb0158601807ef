// Issue 12: a federated action's fields. GitHub Actions deploys with OIDC; a person changes the
// workflow's repository, the role's trust policy refuses the token ("Create a role for OpenID
// Connect federation": the sub condition names the repository), and the verified fix is a trust
// statement pinned to the new token's sub. A SAML assertion given a session tag needs
// sts:TagSession in the trust policy ("Pass session tags in AWS STS": Passing session tags using
// AssumeRoleWithSAML), and the verified fix is that trust statement.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { loadPreset, open, retype, saved } from './page.mjs';

// Opens the page in `lang` with the story `preset`: the console's errors are collected.
async function openStory(page, lang, preset) {
  const errors = await open(page);
  await page.locator(`.language-switch button[lang=${lang}]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await loadPreset(page, preset);
  return errors;
}

const REPOSITORY = '#in-action-assumeRoleWithWebIdentity-github-repository';

for (const lang of ['en', 'ja']) {
  test(`GitHub Actions: another repository is refused and the fix pins its sub (${lang})`, async ({ page }) => {
    const errors = await openStory(page, lang, 'github-actions-deploy-role');
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');

    const fields = page.getByTestId('federated');
    await expect(fields).toContainText('sts:AssumeRoleWithWebIdentity');
    await expect(page.locator(REPOSITORY)).toHaveValue('my-org/web-app');
    await expect(page.locator('#in-action-assumeRoleWithWebIdentity-provider')).toHaveValue(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    );
    await expect(page.getByTestId('github-sub')).toContainText('repo:my-org/web-app:ref:refs/heads/main');

    await retype(page, REPOSITORY, 'my-org/docs-site');
    await expect(page.getByTestId('github-sub')).toContainText('repo:my-org/docs-site:ref:refs/heads/main');
    await expect(verdict).toHaveAttribute('data-succeeded', 'false');
    await expect(verdict).toHaveAttribute('data-failed-step', 'hop1.assumeRole');

    const fix = page.getByTestId('fix').first();
    await expect(fix).toBeVisible();
    const after = fix.locator('.diff-after');
    await expect(after).toContainText('"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"');
    await expect(after).toContainText('"Action": "sts:AssumeRoleWithWebIdentity"');
    await expect(after).toContainText('"token.actions.githubusercontent.com:sub": "repo:my-org/docs-site:ref:refs/heads/main"');
    await expect(after).toContainText('"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"');

    await fix.getByTestId('apply-fix').click();
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    expect(errors).toEqual([]);
  });
}

const SAML_TAGS = '#in-fed-token-tags';

for (const lang of ['en', 'ja']) {
  test(`SAML: a session tag in the assertion needs sts:TagSession, and the fix adds it (${lang})`, async ({ page }) => {
    const errors = await openStory(page, lang, 'saml-console-sign-in');
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    await expect(page.getByTestId('federated')).toContainText('sts:AssumeRoleWithSAML');
    await expect(page.locator('#in-fed-claim-aud')).toHaveValue('https://signin.aws.amazon.com/saml');
    await expect(page.locator(SAML_TAGS)).toHaveValue('');

    // Tags apply once the field is left, as the other tag fields do.
    await retype(page, SAML_TAGS, 'Project=Unicorn');
    await page.keyboard.press('Tab');
    await expect(verdict).toHaveAttribute('data-succeeded', 'false');
    await expect(verdict).toHaveAttribute('data-failed-step', 'hop1.tagSession');
    await expect(page.locator(SAML_TAGS)).toHaveValue('Project=Unicorn');

    const fix = page.getByTestId('fix').first();
    await expect(fix).toBeVisible();
    const after = fix.locator('.diff-after');
    await expect(after).toContainText('"Federated": "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSO"');
    await expect(after).toContainText('"Action": "sts:TagSession"');

    await fix.getByTestId('apply-fix').click();
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');

    // Emptying the field takes the tag away again: no session tags, no sts:TagSession step.
    await retype(page, SAML_TAGS, '');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    await expect(page.locator(SAML_TAGS)).toHaveValue('');
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    expect(errors).toEqual([]);
  });
}

// A token STS refuses before any policy has a verified fix in AWS's terms ("AssumeRoleWithWebIdentity",
// STS API reference, Errors): an expired one, a new token that expires after the world's now; an
// `aud` that is none of the OIDC provider's client IDs, the audience added to them
// ("AddClientIDToOpenIDConnectProvider"; "Create an OpenID Connect (OIDC) identity provider in IAM").
// Each scenario world opens by a share link (`#v1=` + base64url(raw deflate(JSON))).
const scenarioWorld = (name) =>
  JSON.parse(readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), 'utf8')).world;
const linkTo = (world, lang) => `/#v1=${deflateRawSync(JSON.stringify({ lang, world })).toString('base64url')}`;
const TOKEN_FIXES = [
  { scenario: 'federation-token-expired', code: 'ExpiredTokenException', after: '2024-05-01T12:05:00Z' },
  { scenario: 'federation-token-audience-not-a-client-id', code: 'InvalidIdentityToken', after: 'sts.amazonaws.com' },
];
for (const lang of ['en', 'ja']) {
  for (const { scenario, code, after } of TOKEN_FIXES) {
    test(`a refused token (${code}) has a verified fix that the page applies: ${scenario} (${lang})`, async ({ page }) => {
      const errors = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await page.goto(linkTo(scenarioWorld(scenario), lang));
      const verdict = page.getByTestId('verdict');
      await expect(verdict).toHaveAttribute('data-succeeded', 'false');
      await expect(verdict).toHaveAttribute('data-failed-step', 'hop1.assumeRole');
      await expect(page.locator('li.step[data-step="hop1.assumeRole"]')).toContainText(code);
      const fix = page.getByTestId('fix').first();
      await expect(fix).toBeVisible();
      await expect(fix).toContainText(after);
      await fix.getByTestId('apply-fix').click();
      await expect(verdict).toHaveAttribute('data-succeeded', 'true');
      expect(errors).toEqual([]);
    });
  }
}

// What a federated session then tries has fields as an AssumeRole session's has: GitHub Actions'
// deploy role may put objects in its site's bucket only, so typing another bucket is refused, and an
// action typed in a new field is tried as the session ("AssumeRoleWithWebIdentity": the session
// acts with the role's permissions).
const sessionStep = (page, id) => page.locator(`li.step[data-step="${id}"]`);
for (const lang of ['en', 'ja']) {
  test(`a federated session's actions are typed, added and removed (${lang})`, async ({ page }) => {
    const errors = await openStory(page, lang, 'github-actions-deploy-role');
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    await expect(page.locator('#in-action-then-0-action')).toHaveValue('s3:PutObject');
    await expect(page.locator('#in-action-then-0-resource')).toHaveValue('arn:aws:s3:::my-org-web-app-site/index.html');
    await expect(sessionStep(page, 'then.0')).toHaveAttribute('data-decision', 'allowed');

    await retype(page, '#in-action-then-0-resource', 'arn:aws:s3:::my-org-billing/report.csv');
    await expect(sessionStep(page, 'then.0')).toHaveAttribute('data-decision', 'implicitDeny');
    await expect(sessionStep(page, 'then.0')).toContainText('arn:aws:s3:::my-org-billing/report.csv');

    await page.getByTestId('add-action-then').click();
    await retype(page, '#in-action-then-1-action', 's3:PutObject');
    await retype(page, '#in-action-then-1-resource', 'arn:aws:s3:::my-org-web-app-site/app.js');
    await expect(sessionStep(page, 'then.1')).toHaveAttribute('data-decision', 'allowed');
    await expect(sessionStep(page, 'then.1')).toContainText('arn:aws:s3:::my-org-web-app-site/app.js');

    await page.getByTestId('remove-action-then-0').click();
    await expect(page.locator('#in-action-then-0-resource')).toHaveValue('arn:aws:s3:::my-org-web-app-site/app.js');
    await expect(sessionStep(page, 'then.0')).toHaveAttribute('data-decision', 'allowed');
    await expect(sessionStep(page, 'then.1')).toHaveCount(0);
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    expect(errors).toEqual([]);
  });
}

// A policy IAM would refuse to save (a Principal in an identity-based policy: "Policy document
// should not specify a principal.") stops the PassRole story where it is needed: the steps after it
// are not reached — ECS never puts the role on, and no blast radius is drawn ("Troubleshooting IAM
// policies": AWS never evaluates a policy it refused). A step not reached says why.
const NOT_REACHED = { en: 'not reached', ja: '未到達' };
const WHY_NOT_REACHED = { en: 'needs a policy IAM would refuse to save', ja: 'IAM が保存を拒否するポリシー' };
for (const lang of ['en', 'ja']) {
  test(`after a step that needs a policy IAM would refuse, the later steps are not reached (${lang})`, async ({ page }) => {
    const errors = await openStory(page, lang, 'ecs-task-role');
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    const policy = page.locator('#ed-users-0-policies-0-document');
    const text = (await policy.inputValue()).replace('"Sid": "RegisterTasks",', '"Sid": "RegisterTasks",\n            "Principal": "*",');
    await policy.fill(text);

    await expect(verdict).toHaveAttribute('data-succeeded', 'false');
    await expect(verdict).toHaveAttribute('data-failed-step', 'api');
    const step = (id) => page.locator(`li.step[data-step="${id}"]`);
    await expect(step('api')).toHaveAttribute('data-decision', 'failed');
    await expect(step('api')).toContainText('MalformedPolicyDocument');
    for (const id of ['serviceAssumeRole', 'blastRadius']) {
      await expect(step(id)).toHaveAttribute('data-decision', 'skipped');
      await expect(step(id)).toContainText(NOT_REACHED[lang]);
      await expect(step(id).locator('.explanation')).toContainText(WHY_NOT_REACHED[lang]);
    }
    expect(errors).toEqual([]);
  });
}

// "Configuring a role for GitHub OIDC identity provider": a trust policy for GitHub's provider
// without a condition on `sub` gets Access Analyzer's finding, and its quick fix adds a
// `StringLike` on `sub` with a placeholder repository — which the token of my-org/web-app does not
// match until the person writes the repository in.
const TRUST = '#ed-roles-0-trustPolicy';
const TRUST_EDITOR = '[data-pointer="/roles/0/trustPolicy"]';
const NO_SUB = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
            },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"
                }
            }
        }
    ]
}`;

for (const lang of ['en', 'ja']) {
  test(`GitHub's trust without sub: the quick fix adds a StringLike on sub with a placeholder (${lang})`, async ({ page }) => {
    const errors = await openStory(page, lang, 'github-actions-deploy-role');
    await expect(page.getByTestId('about')).toHaveAttribute('data-catalogue', 'loaded');
    await page.locator(TRUST).fill(NO_SUB);
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    const finding = page.locator(`${TRUST_EDITOR} [data-testid=diagnostics] li[data-code=MISSING_GITHUB_REPO_CONDITION_KEY]`);
    await expect(finding).toBeVisible();
    await expect(finding.getByTestId('quick-fix')).toContainText('OWNER/REPO');
    await finding.getByTestId('quick-fix').click();
    await expect(page.locator(TRUST)).toHaveValue(
      /"Condition": \{\n {16}"StringLike": \{"token\.actions\.githubusercontent\.com:sub": "repo:OWNER\/REPO:\*"\},\n {16}"StringEquals"/,
    );
    await expect(finding).toHaveCount(0);
    // The placeholder names no real repository: the workflow's token is refused until it does.
    await expect(verdict).toHaveAttribute('data-succeeded', 'false');
    await page.locator(TRUST).fill((await page.locator(TRUST).inputValue()).replace('OWNER/REPO', 'my-org/web-app'));
    await expect(verdict).toHaveAttribute('data-succeeded', 'true');
    expect(errors).toEqual([]);
  });
}

// "AssumeRoleWithWebIdentity" (STS API reference) takes `Policy`, a session policy, as AssumeRole
// does ("Session policies" in "Policies and permissions in AWS Identity and Access Management": the
// session's permissions are the intersection of the role's identity-based policies and the session
// policy). The builder adds one to GitHub Actions' call; narrowed to s3:GetObject it denies the
// session's s3:PutObject, and removing it lets the role decide again.
test('a session policy added to a federated call limits what the session then does (en)', async ({ page }) => {
  const errors = await openStory(page, 'en', 'github-actions-deploy-role');
  await expect(sessionStep(page, 'then.0')).toHaveAttribute('data-decision', 'allowed');

  await page.getByTestId('add-session-policy').click();
  const pointer = '/action/assumeRoleWithWebIdentity/sessionPolicy';
  const editor = page.locator('#ed-action-assumeRoleWithWebIdentity-sessionPolicy');
  await expect(editor).toHaveValue(/"Effect": "Allow"/);
  await expect(page.getByTestId('add-session-policy')).toHaveCount(0);
  // The starter policy allows everything: no decision changes until it is edited.
  await expect(sessionStep(page, 'then.0')).toHaveAttribute('data-decision', 'allowed');

  await retype(page, '#ed-action-assumeRoleWithWebIdentity-sessionPolicy',
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-org-web-app-site/*"}]}');
  await expect(sessionStep(page, 'then.0')).toHaveAttribute('data-decision', 'implicitDeny');
  await expect(sessionStep(page, 'then.0')).toContainText('session policy');
  await expect.poll(() => saved(page)).toMatch(/assumeRoleWithWebIdentity.*sessionPolicy.*s3:GetObject/);

  await page.locator(`section.editor[data-pointer="${pointer}"]`).getByTestId('remove-editor').click();
  await expect(editor).toHaveCount(0);
  await expect(sessionStep(page, 'then.0')).toHaveAttribute('data-decision', 'allowed');
  await expect(page.getByTestId('add-session-policy')).toHaveCount(1);
  expect(errors).toEqual([]);
});

// "AssumeRoleWithWebIdentity" (STS API reference): ExpiredTokenException — the token is past its
// expiry at the time of the call. The builder's expiry field applies as typed, judged at the
// world's `now`; emptied, the token does not expire.
for (const lang of ['en', 'ja']) {
  test(`a token's expiry typed in the builder: before the world's time STS refuses it, emptied it does not expire (${lang})`, async ({ page }) => {
    const errors = await openStory(page, lang, 'github-actions-deploy-role');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
    const expires = '#in-action-assumeRoleWithWebIdentity-expires';
    await expect(page.locator(`label[for="${expires.slice(1)}"]`)).toContainText(lang === 'en' ? 'Token expires at' : 'トークンの有効期限');
    await retype(page, '#in-now', '2026-06-01T12:00:00Z');
    await retype(page, expires, '2026-06-01T11:55:00Z');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'false');
    await expect(page.getByTestId('summary')).toContainText('ExpiredTokenException');
    await retype(page, expires, '2026-06-01T12:05:00Z');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
    await retype(page, expires, '');
    await page.keyboard.press('Backspace');
    await expect.poll(() => saved(page)).not.toContain('"expires"');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
    expect(errors).toEqual([]);
  });
}

// "Create an OpenID Connect (OIDC) identity provider in IAM": STS accepts a token only from a
// provider the role's account has, with an aud among the provider's client IDs. The builder lists
// the account's providers; a client ID list without the token's aud refuses it
// (InvalidIdentityToken), and no longer listing them takes every named provider to exist again.
test('the account\'s identity providers are listed in the builder: a client ID list without the token\'s aud refuses it', async ({ page }) => {
  const errors = await openStory(page, 'en', 'github-actions-deploy-role');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  await page.getByTestId('add-identity-provider').click();
  await expect(page.locator('#in-identityProviders-0-arn')).toHaveValue('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
  await expect.poll(() => saved(page)).toContain('"identityProviders":[{"arn":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}]');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  await retype(page, '#in-identityProviders-0-clientIds', 'not-the-token-audience');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'false');
  await expect(page.getByTestId('summary')).toContainText('InvalidIdentityToken');
  await page.getByTestId('remove-identity-provider-0').click();
  await expect(page.locator('#in-identityProviders-0-arn')).toHaveCount(0);
  await expect.poll(() => saved(page)).toContain('"identityProviders":[]');
  // Listed but none: the role's account has no such provider, and STS refuses the token.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'false');
  await page.getByTestId('unlist-identity-providers').click();
  await expect.poll(() => saved(page)).not.toContain('identityProviders');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-succeeded', 'true');
  expect(errors).toEqual([]);
});
