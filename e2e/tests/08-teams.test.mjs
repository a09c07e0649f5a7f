// Team check-ups in Chromium. (1) A coordinator signs up through the HTML form, adds a community,
// opens a round and makes an invite link by clicking; three members with no account join through
// it in fresh contexts and answer the first phase; the coordinator reads the team results, saves
// the community plan and opens trends. (2) A member joins and answers a phase with JavaScript off.
// (3) axe and html-validate on every team page and state, (4) no sideways scrolling and targets of
// at least 24x24 px at 320 px, and screenshots (e2e/screenshots/teams-*.png).
// Everything but journey 1 is set up through the JSON API, with the session cookie added to the
// browser context.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { launch, newContext, baseURL, PHONE, DESKTOP, NARROW } from '../lib/browser.mjs';
import { axeViolations, preloadAxe, horizontalOverflow, smallTargets } from '../lib/checks.mjs';
import { expectNone } from '../lib/report.mjs';
import { questionBank, request } from '../lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, '..', 'screenshots');
const SESSION = '__Host-cultivate-session';
const PASSWORD = 'a long enough test password';
// Emails differ on every run, so the file can also run against a server that keeps its database.
const run = Date.now().toString(36);
const email = (who) => `${who}.${run}@example.org`;

const bank = await questionBank();
const define = bank.phases[0];
const total = bank.phases.reduce((n, p) => n + p.questions.length, 0);

// ---------------------------------------------------------------- JSON API, with a cookie

/** A JSON API call that does not follow redirects (see request in lib/site.mjs). */
function call(method, p, options = {}) {
  return request(method, p, { ...options, redirect: 'manual' });
}

async function expectStatus(want, method, p, options) {
  const r = await call(method, p, options);
  assert.equal(r.status, want, `${method} ${p}: ${r.text.slice(0, 200)}`);
  return r.json;
}

/** Creates an account and signs in through the API; returns the session cookie ("name=value"). */
async function coordinator(name, address) {
  await expectStatus(202, 'POST', '/api/v1/accounts', { body: { email: address, password: PASSWORD, name } });
  const r = await call('POST', '/api/v1/session', { body: { email: address, password: PASSWORD } });
  assert.equal(r.status, 200, `POST /api/v1/session: ${r.text}`);
  const set = r.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`));
  assert.ok(set, 'the session answer sets the session cookie');
  assert.match(set, /; Path=\/;.*Secure.*HttpOnly.*SameSite=Lax/i);
  return set.split(';')[0];
}

/** A member joins through an invite and answers the first phase (a spread of answers and a note). */
async function member(invite, m, { note } = {}) {
  const { token } = await expectStatus(201, 'POST', `/api/v1/join/${invite}`);
  const answers = define.questions.map((q, qi) => {
    const now = qi === 0 ? [0, 2, 4][m % 3] : (m + qi) % 4;
    return { question: q.id, now, target: Math.min(4, now + 1), note: qi === 0 && note ? note : '' };
  });
  await expectStatus(200, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers } });
  return token;
}

/**
 * Adds the session cookie to a browser context, as the browser would have kept it. Given a `url`
 * of http://127.0.0.1, Chromium's Storage.setCookies stores a cookie as not Secure and so refuses
 * a __Host- name ("Invalid cookie fields"); a domain and path work (an IP address has host-only
 * cookies anyway).
 */
async function signIn(context, cookie) {
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  const domain = new URL(baseURL()).hostname;
  await context.addCookies([{ name, value, domain, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
}

// ---------------------------------------------------------------- fixtures

const ana = await coordinator('Ana Souza', email('ana'));
const newbie = await coordinator('Ben Okafor', email('ben'));
const cookies = { ana, newbie };
const community = (body) => expectStatus(201, 'POST', '/api/v1/communities', { cookie: ana, body }).then((j) => j.id);

// No round yet.
const quiet = await community({ name: 'Field engineers', domain: 'Keeping remote sites running.', purpose: '', phase: '' });
// An open round with one answer: results still hidden.
const waiting = await community({ name: 'Nurse educators', domain: 'Teaching on the ward.', purpose: 'Better teaching.', phase: 'design' });
const waitingRound = (await expectStatus(201, 'POST', `/api/v1/communities/${waiting}/rounds`, { cookie: ana, body: {} })).id;
const waitingInvite = await expectStatus(201, 'POST', `/api/v1/communities/${waiting}/invites`, { cookie: ana, body: {} });
await member(waitingInvite.token, 0);
// A round that three members answered with notes, then closed (results shown), a saved plan and a
// sponsor link; a withdrawn invite.
const shown = await community({
  name: 'Data stewards', domain: 'Looking after research data across the university.',
  purpose: 'Share what works and stop repeating mistakes.', phase: 'grow',
});
const shownRound = (await expectStatus(201, 'POST', `/api/v1/communities/${shown}/rounds`, { cookie: ana, body: {} })).id;
const shownInvite = await expectStatus(201, 'POST', `/api/v1/communities/${shown}/invites`, { cookie: ana, body: {} });
const memberTokens = [];
for (const m of [0, 1, 2]) memberTokens.push(await member(shownInvite.token, m, { note: `Fixture note ${'ABC'[m]}` }));
// A closed round six members answered: from the detail threshold (5), each statement's answers.
const big = await community({ name: 'Ward pharmacists', domain: 'Safer medicines on the ward.', purpose: '', phase: 'perform' });
const bigRound = (await expectStatus(201, 'POST', `/api/v1/communities/${big}/rounds`, { cookie: ana, body: {} })).id;
const bigInvite = await expectStatus(201, 'POST', `/api/v1/communities/${big}/invites`, { cookie: ana, body: { max_uses: 6 } });
for (const m of [0, 1, 2, 3, 4, 5]) await member(bigInvite.token, m);
await expectStatus(200, 'POST', `/api/v1/communities/${big}/rounds/${bigRound}/close`, { cookie: ana });
// A second closed round, for trends between two rounds.
const bigRound2 = (await expectStatus(201, 'POST', `/api/v1/communities/${big}/rounds`, { cookie: ana, body: {} })).id;
const bigInvite2 = await expectStatus(201, 'POST', `/api/v1/communities/${big}/invites`, { cookie: ana, body: { max_uses: 3 } });
for (const m of [1, 2, 3]) await member(bigInvite2.token, m);
await expectStatus(200, 'POST', `/api/v1/communities/${big}/rounds/${bigRound2}/close`, { cookie: ana });
// A full invite: for one person, used once.
const fullInvite = await expectStatus(201, 'POST', `/api/v1/communities/${waiting}/invites`, { cookie: ana, body: { max_uses: 1 } });
await member(fullInvite.token, 1);
await expectStatus(200, 'PUT', `/api/v1/communities/${shown}/plan`, {
  cookie: ana,
  body: {
    vision: 'Every steward knows where to ask.',
    goals: 'A monthly clinic; a shared checklist.',
    strategies: 'Pair new stewards with experienced ones.',
    items: [
      { what: 'Publish the clinic calendar', owner: 'Ana', due: '2027-03-31', status: 'doing' },
      { what: 'Draft the checklist', owner: 'Ben', due: '2027-05-01', status: 'todo' },
    ],
  },
});
const sponsor = await expectStatus(201, 'POST', `/api/v1/communities/${shown}/sponsors`, { cookie: ana, body: { label: 'Head of research' } });
const withdrawn = await expectStatus(201, 'POST', `/api/v1/communities/${shown}/invites`, { cookie: ana, body: {} });
await expectStatus(204, 'DELETE', `/api/v1/communities/${shown}/invites/${withdrawn.id}`, { cookie: ana });
await expectStatus(200, 'POST', `/api/v1/communities/${shown}/rounds/${shownRound}/close`, { cookie: ana });

const dash = (id) => `/communities/${id}`;

// Value creation (issue 16): a member's story for the sponsor, a coordinator's indicator and ask.
const storyBody = {
  title: 'The data checklist', happened: 'At the March clinic Lena showed her checklist for new projects.',
  immediate: 'The most useful hour of the term.', potential: 'A checklist and someone to ask.', applied: 'We used it on four new projects.',
  realized: 'No project lost a week to missing consent forms.', reframing: '', share: 'sponsor', named: true, author: 'Sam',
};
const told = await expectStatus(201, 'POST', `/api/v1/checkups/${memberTokens[1]}/stories`, { body: storyBody });
await expectStatus(201, 'POST', `/api/v1/communities/${shown}/indicators`, {
  cookie: ana, body: { name: 'Clinics held', value: 9, cycle: 'immediate', period: '2027', note: 'From the calendar' },
});
await expectStatus(200, 'PUT', `/api/v1/communities/${shown}/ask`, { cookie: ana, body: { ask: 'Two hours a month for the core group.' } });

/** Submits a form page's own form after filling it; returns the navigation's response. */
async function submit(page, fields, button) {
  for (const [label, value] of fields) await page.getByLabel(label, { exact: false }).first().fill(value);
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
  return res;
}

// Every team page and state. `who`: the context it is seen in (out: signed out).
const states = [
  { name: 'intro (signed out)', who: 'out', path: '/communities', status: 200 },
  { name: 'sign-up', who: 'out', path: '/account/sign-up', status: 200 },
  {
    name: 'sign-up with a validation error', who: 'out', status: 422,
    show: async (page) => {
      await page.goto('/account/sign-up');
      return submit(page, [['Your name', 'Kim'], ['Email', email('kim')], ['Password', 'too short']], 'Create the account');
    },
  },
  { name: 'sign-in', who: 'out', path: '/account/sign-in', status: 200 },
  {
    name: 'sign-in with a wrong password', who: 'out', status: 401,
    show: async (page) => {
      await page.goto('/account/sign-in');
      return submit(page, [['Email', email('ana')], ['Password', 'not the right password']], 'Sign in');
    },
  },
  { name: 'account', who: 'ana', path: '/account', status: 200 },
  { name: 'communities list', who: 'ana', path: '/communities', status: 200 },
  { name: 'communities list (none yet)', who: 'newbie', path: '/communities', status: 200 },
  { name: 'dashboard (no round)', who: 'ana', path: dash(quiet), status: 200 },
  { name: 'dashboard (open round)', who: 'ana', path: dash(waiting), status: 200 },
  { name: 'dashboard (results shown, sponsor link)', who: 'ana', path: dash(shown), status: 200 },
  {
    name: 'dashboard (invite link just made)', who: 'ana', status: 200,
    show: async (page) => {
      await page.goto(dash(waiting));
      await page.getByLabel('How many people will you send this to?').fill('12');
      const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Make an invite link' }).click()]);
      assert.match(await page.locator('#new-link-url').inputValue(), /\/join\/[A-Za-z0-9_-]{20,}$/);
      return res;
    },
  },
  { name: 'edit', who: 'ana', path: `${dash(shown)}/edit`, status: 200 },
  { name: 'round results hidden (open round)', who: 'ana', path: `${dash(waiting)}/rounds/${waitingRound}`, status: 200 },
  { name: 'round results shown (3 members: means only)', who: 'ana', path: `${dash(shown)}/rounds/${shownRound}`, status: 200 },
  { name: 'round results with distributions (6 members)', who: 'ana', path: `${dash(big)}/rounds/${bigRound}`, status: 200 },
  { name: 'trends (one round)', who: 'ana', path: `${dash(shown)}/trends`, status: 200 },
  { name: 'trends (two rounds)', who: 'ana', path: `${dash(big)}/trends`, status: 200 },
  { name: 'plan (draft, no results)', who: 'ana', path: `${dash(waiting)}/plan`, status: 200 },
  { name: 'plan (saved)', who: 'ana', path: `${dash(shown)}/plan`, status: 200 },
  { name: 'join page', who: 'out', path: `/join/${waitingInvite.token}`, status: 200 },
  { name: 'join page (withdrawn invite)', who: 'out', path: `/join/${withdrawn.token}`, status: 410 },
  { name: 'join page (full invite)', who: 'out', path: `/join/${fullInvite.token}`, status: 410 },
  { name: 'join page (round closed)', who: 'out', path: `/join/${shownInvite.token}`, status: 410 },
  { name: 'member: community plan', who: 'out', path: `/checkup/${memberTokens[0]}/community`, status: 200 },
  { name: 'sponsor page', who: 'out', path: new URL(sponsor.url).pathname, status: 200 },
  { name: 'member: value stories (none yet)', who: 'out', path: `/checkup/${memberTokens[0]}/stories`, status: 200 },
  { name: 'member: value stories (one told)', who: 'out', path: `/checkup/${memberTokens[1]}/stories`, status: 200 },
  { name: 'member: tell a story', who: 'out', path: `/checkup/${memberTokens[0]}/stories/new`, status: 200 },
  { name: 'member: edit a story', who: 'out', path: `/checkup/${memberTokens[1]}/stories/${told.id}`, status: 200 },
  {
    name: 'member: a story with a validation error', who: 'out', status: 422,
    show: async (page) => {
      await page.goto(`/checkup/${memberTokens[0]}/stories/new`);
      return submit(page, [['Title', 'Only a title']], 'Save the story');
    },
  },
  { name: 'value: matrix, indicators and ask', who: 'ana', path: `${dash(shown)}/value`, status: 200 },
  { name: 'value: matrix (nothing yet)', who: 'ana', path: `${dash(quiet)}/value`, status: 200 },
  { name: 'value: the community\'s stories', who: 'ana', path: `${dash(shown)}/stories`, status: 200 },
  { name: 'value: a coordinator tells a story', who: 'ana', path: `${dash(shown)}/stories/new`, status: 200 },
  { name: 'sponsor brief (coordinators)', who: 'ana', path: `${dash(shown)}/brief`, status: 200 },
  { name: 'sponsor brief (nothing yet)', who: 'ana', path: `${dash(quiet)}/brief`, status: 200 },
  { name: 'sponsor brief (sponsor link)', who: 'out', path: `${new URL(sponsor.url).pathname}/brief`, status: 200 },
];

/** Opens a state in a page; returns the main response. */
async function open(page, s) {
  const res = s.show ? await s.show(page) : await page.goto(s.path);
  assert.equal(res.status(), s.status, `${s.name}: status`);
  return res;
}

/** One browser context per kind of visitor, at a viewport. */
async function contexts(browser, viewport, { axe = false } = {}) {
  const out = {};
  for (const who of ['out', 'ana', 'newbie']) {
    const context = await newContext(browser, viewport);
    if (axe) await preloadAxe(context);
    if (cookies[who]) await signIn(context, cookies[who]);
    out[who] = { context, page: await context.newPage() };
  }
  return out;
}

// html-validate, configured by e2e/.htmlvalidate.json (as 03-html-validate).
const validator = new HtmlValidate(new FileSystemConfigLoader());
async function htmlProblems(html) {
  const report = await validator.validateString(html, path.join(here, '..', 'page.html'));
  const lines = [];
  for (const result of report.results) {
    for (const m of result.messages) {
      if (m.severity === 2) lines.push(`${m.ruleId} line ${m.line}:${m.column}: ${m.message} | ${m.selector ?? ''}`);
    }
  }
  return lines;
}

let browser;
before(async () => {
  browser = await launch();
  await mkdir(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** Clicks the label of one radio (the way a person picks an answer) and checks that it took. */
async function pick(page, name, value) {
  const input = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
  await page.locator('label').filter({ has: input }).click();
  assert.ok(await input.isChecked(), `${name}=${value} is checked after clicking its label`);
}

const heading = async (page) => (await page.locator('h1').first().innerText()).trim();

// ---------------------------------------------------------------- 1. the whole journey, by clicking

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  describe(`team journey at ${label} size (${viewport.width}x${viewport.height})`, () => {
    it('a coordinator signs up, invites three members, reads the team results, saves the plan', async (t) => {
      const address = email(`coordinator.${label}`);
      const name = `Stewards (${label})`;
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      const members = [];
      let session;
      try {
        // Signed out, /communities explains team check-ups and links to sign-up.
        await page.goto('/communities');
        assert.equal(await heading(page), 'Team check-ups for your community');
        await Promise.all([page.waitForURL('**/account/sign-up'), page.getByRole('link', { name: 'Create a coordinator account' }).click()]);
        await page.getByLabel('Your name').fill('Rosa Lima');
        await page.getByLabel('Email').fill(address);
        await page.getByLabel('Password').fill(PASSWORD);
        // Sign-up answers the same whether or not the email was taken, so it never signs in:
        // the sign-in page follows, saying so.
        await Promise.all([page.waitForURL(/\/account\/sign-in\?signed-up=1/), page.getByRole('button', { name: 'Create the account' }).click()]);
        await assert.doesNotReject(page.getByText('If this email had no account, yours is ready now.').waitFor());
        await page.getByLabel('Email').fill(address);
        await page.getByLabel('Password').fill(PASSWORD);
        await Promise.all([page.waitForURL(/\/communities$/), page.getByRole('button', { name: 'Sign in' }).click()]);

        // The __Host- session cookie (Secure) is kept by Chromium on http://127.0.0.1.
        // If it were not, the journey goes on with the cookie added by hand and fails at the end.
        session = (await context.cookies()).find((c) => c.name === SESSION);
        if (!session) {
          t.diagnostic(`Chromium did not keep the Secure ${SESSION} cookie on ${baseURL()}; signing in with context.addCookies`);
          const r = await call('POST', '/api/v1/session', { body: { email: address, password: PASSWORD } });
          await signIn(context, r.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)).split(';')[0]);
          await page.goto('/communities');
        } else {
          assert.equal(session.secure, true);
          assert.equal(session.httpOnly, true);
          assert.equal(session.sameSite, 'Lax');
        }
        assert.equal(await heading(page), 'Your communities');
        assert.match(await page.locator('.signed-in').innerText(), /Signed in as Rosa Lima/);

        // Add a community through the form.
        await page.getByLabel('Name of the community').fill(name);
        await page.getByLabel('Domain statement').fill('Looking after research data.');
        await page.getByLabel('Purpose').fill('Share what works.');
        const grow = page.locator('input[name=phase][value="grow"]');
        await page.locator('label').filter({ has: grow }).click();
        assert.ok(await grow.isChecked());
        await Promise.all([page.waitForURL(/\/communities\/\d+$/), page.getByRole('button', { name: 'Add the community' }).click()]);
        const dashboard = new URL(page.url()).pathname;
        assert.equal(await heading(page), name);
        assert.match(await page.locator('dl.facts').innerText(), /Grow/);

        // Open a round; the invite form appears.
        await page.locator('#round-title').fill('Review 2027');
        await Promise.all([page.waitForURL(/\/communities\/\d+(#invite)?$/), page.getByRole('button', { name: 'Open the round' }).click()]);
        await assert.doesNotReject(page.getByRole('heading', { name: 'Open now: Review 2027' }).waitFor());

        // Make an invite link for three people; it is shown once, on the answer page.
        await page.getByLabel('How many people will you send this to?').fill('3');
        const [made] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Make an invite link' }).click()]);
        assert.equal(made.status(), 200);
        const invite = await page.locator('#new-link-url').inputValue();
        assert.match(invite, new RegExp(`^${baseURL().replace(/[.]/g, '\\.')}/join/[A-Za-z0-9_-]{20,}$`));
        await page.goto(dashboard);
        assert.equal(await page.locator('#new-link-url').count(), 0, 'the invite link is not shown again');

        // Three members, each in a fresh context with no account, join and answer the first phase.
        for (const m of [0, 1, 2]) {
          const mc = await newContext(browser, viewport);
          members.push(mc);
          const mp = await mc.newPage();
          const res = await mp.goto(invite);
          assert.equal(res.status(), 200);
          assert.equal(await heading(mp), `The ${name} check-up`);
          await Promise.all([mp.waitForURL(/\/checkup\/[A-Za-z0-9_-]{22,}\?started=1$/), mp.getByRole('button', { name: 'Start my check-up' }).click()]);
          assert.match(await mp.locator('.member-notice').innerText(), new RegExp(`personal check-up for ${name.replace(/[()]/g, '\\$&')}`));
          await Promise.all([mp.waitForURL(/\/phase\/define$/), mp.getByRole('link', { name: 'Continue where you left off' }).click()]);
          for (const [qi, q] of define.questions.entries()) {
            const now = qi === 0 ? [0, 2, 4][m] : (m + qi) % 4;
            await pick(mp, `now.${q.id}`, String(now));
            await pick(mp, `target.${q.id}`, String(Math.min(4, now + 1)));
          }
          await mp.locator(`textarea[name="note.${define.questions[0].id}"]`).fill(`Journey note ${'ABC'[m]}`);
          if (m === 0) await mp.locator(`textarea[name="prompt.${define.prompts[0].id}"]`).fill('A reflection from the journey');
          await Promise.all([mp.waitForURL(new RegExp(`/phase/${bank.phases[1].id}$`)), mp.getByRole('button', { name: 'Save and continue' }).click()]);
        }

        // The coordinator sees three answers, but no results while the round is open.
        await page.goto(dashboard);
        assert.match(await page.locator('.open-round').innerText(), /3 members answered so far \(3 joined, through links meant for 3 people\)/);
        await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.getByRole('link', { name: 'See the round' }).click()]);
        assert.equal(await heading(page), 'Team results: Review 2027');
        assert.match(await page.locator('#results-hidden').innerText(), /Results appear when the round is closed/);
        assert.equal(await page.getByText('Journey note A').count(), 0, 'no notes while open');
        // Closing early shows the results.
        await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.getByRole('button', { name: 'Close this round now' }).click()]);
        const lead = await page.locator('main p.lead', { hasText: /^From/ }).innerHTML();
        assert.match(lead, /From <strong>3<\/strong> members/);
        assert.equal(await page.locator('#results-hidden').count(), 0);
        assert.ok((await page.locator('main svg').count()) >= 1, 'team results show a chart');
        assert.ok((await page.locator('main table').count()) >= 1, 'team results show a data table');
        // The summary says where members disagree; the details sit in sections opened by a click.
        await assert.doesNotReject(page.locator('.glance').getByRole('heading', { name: 'Where members disagree', exact: true }).waitFor(), 'answers 0, 2 and 4 are disputed');
        await page.locator('details#team-notes > summary').click();
        const notes = await page.locator('details#team-notes li').allInnerTexts();
        assert.deepEqual(notes.filter((n) => n.startsWith('Journey note')), ['Journey note A', 'Journey note B', 'Journey note C']);
        await page.locator('details#team-reflections > summary').click();
        await assert.doesNotReject(page.getByText('A reflection from the journey').waitFor());

        // The community plan: a draft from the results, edited and saved.
        await Promise.all([page.waitForURL(/\/plan$/), page.getByRole('link', { name: 'Work on the community plan' }).click()]);
        await assert.doesNotReject(page.getByText(/This is a draft made from the team results of Review 2027/).waitFor());
        assert.ok((await page.locator('#plan-items-0-what').inputValue()).length > 0, 'the draft suggests a first action');
        await page.locator('#plan-vision').fill('Every steward knows where to bring a question.');
        await page.locator('#plan-items-0-owner').fill('Rosa');
        await Promise.all([page.waitForURL(/\/plan\?saved=1$/), page.getByRole('button', { name: 'Save the plan' }).click()]);
        await assert.doesNotReject(page.getByText('The plan is saved.').waitFor());
        await page.reload();
        assert.equal(await page.locator('#plan-vision').inputValue(), 'Every steward knows where to bring a question.');
        assert.equal(await page.locator('#plan-items-0-owner').inputValue(), 'Rosa');

        // Trends need a second round.
        const trends = await page.goto(`${dashboard}/trends`);
        assert.equal(trends.status(), 200);
        await assert.doesNotReject(page.getByText('Trends need two rounds').waitFor());

        // A member reads the saved plan from their check-up.
        const mp = members[0].pages()[0];
        const steps = mp.locator('nav[aria-label="Check-up steps"]');
        await Promise.all([mp.waitForURL(/\/community$/), steps.getByRole('link', { name: 'Community plan' }).click()]);
        await assert.doesNotReject(mp.getByText('Every steward knows where to bring a question.').waitFor());
        assert.ok(session, `Chromium keeps the ${SESSION} cookie that the sign-in form sets on ${baseURL()}`);
      } finally {
        for (const mc of members) await mc.close();
        await context.close();
      }
    });
  });
}

// ---------------------------------------------------------------- 2. without JavaScript

describe('team check-up without JavaScript', () => {
  it('a member joins and answers a phase', async () => {
    const id = await community({ name: 'No-script circle', domain: '', purpose: '', phase: '' });
    await expectStatus(201, 'POST', `/api/v1/communities/${id}/rounds`, { cookie: ana, body: {} });
    const invite = await expectStatus(201, 'POST', `/api/v1/communities/${id}/invites`, { cookie: ana, body: {} });
    const context = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.setContent('<title>before</title><script>document.title = "after"</script>');
      assert.equal(await page.title(), 'before', 'JavaScript is disabled in this context');
      await page.goto(new URL(invite.url).pathname);
      await Promise.all([page.waitForURL(/\?started=1$/), page.getByRole('button', { name: 'Start my check-up' }).click()]);
      const base = new URL(page.url()).pathname;
      await Promise.all([page.waitForURL(/\/phase\/define$/), page.getByRole('link', { name: 'Continue where you left off' }).click()]);
      for (const [qi, q] of define.questions.entries()) {
        await page.locator(`input[name="now.${q.id}"][value="${qi % 5}"]`).check();
        await page.locator(`input[name="target.${q.id}"][value="4"]`).check();
      }
      await page.locator(`textarea[name="note.${define.questions[0].id}"]`).fill('Written without script');
      await Promise.all([page.waitForURL(new RegExp(`/phase/${bank.phases[1].id}$`)), page.getByRole('button', { name: 'Save and continue' }).click()]);
      await page.goto(base);
      await assert.doesNotReject(page.getByText(`${define.questions.length} of ${total} statements answered`).waitFor());
      const saved = await call('GET', `/api/v1/checkups/${base.split('/').pop()}`);
      assert.equal(saved.status, 200);
      assert.match(saved.text, /Written without script/);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------- 3. axe and html-validate

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  describe(`axe${label === 'desktop' ? ' and html-validate' : ''} on team pages at ${label} size (${viewport.width}x${viewport.height})`, () => {
    let ctx;
    before(async () => {
      ctx = await contexts(browser, viewport, { axe: true });
    });
    after(async () => {
      for (const c of Object.values(ctx ?? {})) await c.context.close();
    });
    for (const s of states) {
      it(s.name, async () => {
        const { page } = ctx[s.who];
        const res = await open(page, s);
        const problems = (await axeViolations(page)).map((p) => `axe ${p}`);
        // The HTML as the server sent it (at one size: it does not depend on the viewport).
        if (label === 'desktop') problems.push(...(await htmlProblems(await res.text())).map((p) => `html ${p}`));
        expectNone(problems, `${s.name} (${s.path ?? 'after a form'})`);
      });
    }
  });
}

// ---------------------------------------------------------------- 4. layout and screenshots

describe(`team pages at ${NARROW.width} px: no sideways scrolling, targets at least 24x24`, () => {
  let ctx;
  before(async () => {
    ctx = await contexts(browser, NARROW);
  });
  after(async () => {
    for (const c of Object.values(ctx ?? {})) await c.context.close();
  });
  for (const s of states) {
    it(s.name, async () => {
      const { page } = ctx[s.who];
      await open(page, s);
      const { over, culprits } = await horizontalOverflow(page);
      const problems = [];
      if (over > 0) problems.push(`overflow: the page scrolls ${over}px sideways; wider than the viewport: ${culprits.join(', ')}`);
      problems.push(...(await smallTargets(page)).map((x) => `target-size: ${x}`));
      expectNone(problems, `layout of ${s.name} at ${NARROW.width}px`, { show: 25 });
    });
  }
});

describe('screenshots of team pages (e2e/screenshots/teams-*.png)', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    it(`${label} (${viewport.width}x${viewport.height})`, async () => {
      const ctx = await contexts(browser, viewport);
      try {
        for (const [name, who, p] of [
          ['dashboard', 'ana', dash(shown)],
          ['results', 'ana', `${dash(shown)}/rounds/${shownRound}`],
          ['results-detailed', 'ana', `${dash(big)}/rounds/${bigRound}`],
          ['results-open', 'ana', `${dash(waiting)}/rounds/${waitingRound}`],
          ['join', 'out', `/join/${waitingInvite.token}`],
          ['privacy', 'out', '/privacy'],
        ]) {
          const { page } = ctx[who];
          const res = await page.goto(p);
          assert.equal(res.status(), 200);
          await page.screenshot({ path: path.join(shots, `teams-${label}-${name}.png`), fullPage: true });
        }
      } finally {
        for (const c of Object.values(ctx)) await c.context.close();
      }
    });
  }
});
