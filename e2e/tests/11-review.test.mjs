// The yearly review meeting in Chromium (issue 17). A facilitator runs the whole meeting with
// the keyboard alone (Tab and Enter, arrow keys between steps) while three members vote from
// their phones in separate browser contexts (their own links, and the screen's code): the
// tally on the screen updates live through Server-Sent Events. Every step: axe and
// html-validate, no vertical or horizontal scrolling at 1280x720 and 1920x1080. Without
// JavaScript: the links and the refresh link do the same. Printables come out as PDFs with the
// expected page counts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { launch, newContext, baseURL, PHONE } from '../lib/browser.mjs';
import { axeViolations, preloadAxe } from '../lib/checks.mjs';
import { expectNone } from '../lib/report.mjs';
import { questionBank, request } from '../lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SESSION = '__Host-cultivate-session';
const PASSWORD = 'a long enough test password';
const run = Date.now().toString(36);
const STEPS = ['purpose', 'overall', 'disagree', 'phases', 'choose', 'actions', 'close'];
const SCREENS = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];

const bank = await questionBank();
const call = (method, p, options = {}) => request(method, p, { ...options, redirect: 'manual' });
async function expectStatus(want, method, p, options) {
  const r = await call(method, p, options);
  assert.equal(r.status, want, `${method} ${p}: ${r.text.slice(0, 200)}`);
  return r.json;
}

// A coordinator with a closed round three members answered (with gaps and disagreement).
const address = `facilitator.${run}@example.org`;
await expectStatus(202, 'POST', '/api/v1/accounts', { body: { email: address, password: PASSWORD, name: 'Fay' } });
const session = await call('POST', '/api/v1/session', { body: { email: address, password: PASSWORD } });
const cookie = session.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)).split(';')[0];
const community = (await expectStatus(201, 'POST', '/api/v1/communities', {
  cookie, body: { name: 'Library makers', domain: 'Maker spaces in public libraries.', purpose: 'Share what works.', phase: 'grow' },
})).id;
const round = (await expectStatus(201, 'POST', `/api/v1/communities/${community}/rounds`, { cookie, body: {} })).id;
const invite = await expectStatus(201, 'POST', `/api/v1/communities/${community}/invites`, { cookie, body: {} });
const members = [];
for (const m of [0, 1, 2]) {
  const { token } = await expectStatus(201, 'POST', `/api/v1/join/${invite.token}`);
  const answers = [];
  bank.phases.forEach((p) => p.questions.forEach((q, qi) => {
    const now = qi === 0 ? [0, 2, 4][m] : (m + qi) % 3;
    answers.push({ question: q.id, now, target: Math.min(4, now + 2) });
  }));
  await expectStatus(200, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers } });
  members.push(token);
}
await expectStatus(200, 'POST', `/api/v1/communities/${community}/rounds/${round}/close`, { cookie });
const review = `/communities/${community}/rounds/${round}/review`;

async function signIn(context) {
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  await context.addCookies([{ name, value, domain: new URL(baseURL()).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
}

const validator = new HtmlValidate(new FileSystemConfigLoader());
async function htmlProblems(html) {
  const report = await validator.validateString(html, path.join(here, '..', 'page.html'));
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId} line ${m.line}: ${m.message}`));
}

/** Problems of the step on screen: axe, html-validate (of the HTML as served), and any scrolling inside the step. */
async function checkStep(page, html, what, { fits = true } = {}) {
  expectNone(await axeViolations(page), `axe on ${what}`);
  expectNone(await htmlProblems(html), `html-validate on ${what}`);
  if (!fits) return;
  const size = await page.evaluate(() => ({
    h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth,
    vh: window.innerHeight, vw: window.innerWidth,
  }));
  assert.ok(size.h <= size.vh + 1, `${what}: no vertical scrolling (${size.h} > ${size.vh})`);
  assert.ok(size.w <= size.vw + 1, `${what}: no horizontal scrolling (${size.w} > ${size.vw})`);
}

/** Waits (polling from here: the page's CSP allows no eval) until `locator` shows `text`. */
async function waitText(locator, text, timeout = 8000) {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = (await locator.textContent())?.trim();
    if (last === text) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`waited for "${text}", still "${last}"`);
}

/** Presses Tab until the focused element matches; then Enter (waiting for the navigation) unless `enter` is false. */
async function tabTo(page, matches, what, { enter = true, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) {
      if (enter) await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      return;
    }
  }
  assert.fail(`could not reach ${what} with Tab`);
}

describe('the review meeting', () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  for (const screen of SCREENS) {
    it(`every step passes axe and html-validate and fits ${screen.width}x${screen.height}`, async () => {
      const context = await newContext(browser, screen);
      await preloadAxe(context);
      await signIn(context);
      const page = await context.newPage();
      for (const step of STEPS) {
        const res = await page.goto(`${review}/${step}`);
        assert.equal(res.status(), 200, step);
        await checkStep(page, await res.text(), `${step} at ${screen.width}x${screen.height}`);
      }
      await context.close();
    });
  }

  it('a facilitator runs it by keyboard while three phones vote live', async () => {
    const screen = await newContext(browser, SCREENS[0]);
    await preloadAxe(screen);
    await signIn(screen);
    const page = await screen.newPage();
    await page.goto(review);
    await tabTo(page, () => document.activeElement?.textContent?.includes('Start the meeting'), 'Start');
    assert.match(page.url(), /\/review\/purpose$/);
    for (const step of ['overall', 'disagree', 'phases', 'choose']) {
      await Promise.all([page.waitForURL(new RegExp(`/review/${step}$`)), page.keyboard.press('ArrowRight')]);
    }
    assert.ok(await page.locator('.review-timer').isVisible(), 'a visible timer with JavaScript');
    await tabTo(page, () => document.activeElement?.textContent === 'Open the vote', 'Open the vote');
    const code = (await page.locator('.review-code').textContent()).trim();
    await checkStep(page, await (await page.reload()).text(), 'the open vote');
    assert.match(code, /^[A-Z0-9]{6}$/);
    assert.equal(await page.locator('[data-events]').count(), 1, 'the open vote streams its tally');
    await page.waitForTimeout(500); // the stream is open

    const phones = [];
    for (const m of [0, 1, 2]) {
      phones.push(await newContext(browser, PHONE));
      await preloadAxe(phones[m]);
    }
    // Two members through their own links, one by the code on the screen.
    const votes = [[members[0], 0], [members[1], 1]];
    for (const [i, [token, area]] of votes.entries()) {
      const phone = await phones[i].newPage();
      const res = await phone.goto(`/checkup/${token}/vote`);
      await checkStep(phone, await res.text(), 'a member ballot', { fits: false });
      await phone.locator('input[name="area"]').nth(area).check();
      await Promise.all([phone.waitForNavigation(), phone.getByRole('button', { name: 'Vote' }).click()]);
      assert.match(await phone.locator('[role="status"]').textContent(), /Your vote is saved/);
      await waitText(page.locator('[data-field="voters"]'), String(i + 1));
    }
    const third = await phones[2].newPage();
    await checkStep(third, await (await third.goto('/vote')).text(), 'the code form', { fits: false });
    await third.getByLabel('Code').fill(code.toLowerCase());
    await Promise.all([third.waitForNavigation(), third.getByRole('button', { name: 'Go to the vote' }).click()]);
    await third.locator('input[name="area"]').first().check();
    await Promise.all([third.waitForNavigation(), third.getByRole('button', { name: 'Vote' }).click()]);
    await waitText(page.locator('[data-field="voters"]'), '3');
    const firstTotal = await page.locator('tr[data-area] [data-field="total"]').first().textContent();
    assert.equal(firstTotal, '2', 'the live tally counts both votes for the first area');

    await tabTo(page, () => document.activeElement?.textContent === 'Close the vote', 'Close the vote');
    await Promise.all([page.waitForURL(/\/review\/actions$/), page.keyboard.press('ArrowRight')]);
    await tabTo(page, () => document.activeElement?.id === 'action-what', 'the action field', { enter: false });
    await page.keyboard.type('Run a monthly show and tell');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fay');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('[role="status"]').textContent(), /in the community plan/);
    await checkStep(page, await (await page.reload()).text(), 'actions after adding one');
    await Promise.all([page.waitForURL(/\/review\/close$/), page.keyboard.press('ArrowRight')]);
    for (const p of phones) await p.close();
    await screen.close();
  });

  it('works without JavaScript: links, the refresh link and the member ballot', async () => {
    const context = await newContext(browser, SCREENS[0], { javaScriptEnabled: false });
    await signIn(context);
    const page = await context.newPage();
    await page.goto(`${review}/purpose`);
    await Promise.all([page.waitForNavigation(), page.locator('a[rel="next"]').click()]);
    assert.match(page.url(), /\/review\/overall$/);
    assert.equal(await page.locator('.review-timer').isVisible(), false, 'no timer without JavaScript');
    await page.goto(`${review}/choose`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Refresh the count' }).click()]);
    assert.equal(await page.locator('[data-field="voters"]').textContent(), '3');
    const phone = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const ballot = await phone.newPage();
    await ballot.goto(`/checkup/${members[2]}/vote`);
    assert.match(await ballot.content(), /The vote is closed/);
    await phone.close();
    await context.close();
  });

  it('prints the agenda, the ballot and a two-page summary as PDFs', async () => {
    const context = await newContext(browser);
    await signIn(context);
    const page = await context.newPage();
    const want = { agenda: [1, 1], ballot: [1, 1], summary: [1, 2] };
    for (const [kind, [min, max]] of Object.entries(want)) {
      const res = await page.goto(`${review}/print/${kind}`);
      assert.equal(res.status(), 200, kind);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', `${kind}: a PDF came out`);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.ok(pages >= min && pages <= max, `${kind}: ${pages} pages, want ${min} to ${max}`);
    }
    await context.close();
  });
});
