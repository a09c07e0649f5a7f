// Value creation in Chromium (issue 16). (1) A member tells a value story from their check-up
// link with JavaScript off, after the round closed, edits it and deletes it; (2) a coordinator
// records an indicator and the ask by the forms and sees the value matrix; (3) the sponsor brief
// prints on one page, A4 and Letter, both the coordinators' copy and the sponsor's, and a story
// for the coordinators only appears in neither (nor in the sponsor's page or JSON).
// axe, html-validate and layout of the value pages are in 08-teams (its list of states).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext, baseURL, DESKTOP, PHONE } from '../lib/browser.mjs';
import { questionBank, request } from '../lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'screenshots');
const SESSION = '__Host-cultivate-session';
const PASSWORD = 'a long enough test password';
const run = Date.now().toString(36);
const bank = await questionBank();

function call(method, p, options = {}) {
  return request(method, p, { ...options, redirect: 'manual' });
}
async function expectStatus(want, method, p, options) {
  const r = await call(method, p, options);
  assert.equal(r.status, want, `${method} ${p}: ${r.text.slice(0, 200)}`);
  return r.json;
}
async function signIn(context, cookie) {
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  await context.addCookies([{ name, value, domain: new URL(baseURL()).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
}

// A coordinator, a community whose round three members answered and which is closed.
const address = `vera.value.${run}@example.org`;
await expectStatus(202, 'POST', '/api/v1/accounts', { body: { email: address, password: PASSWORD, name: 'Vera Lind' } });
const session = await call('POST', '/api/v1/session', { body: { email: address, password: PASSWORD } });
const cookie = session.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)).split(';')[0];
const { id } = await expectStatus(201, 'POST', '/api/v1/communities', {
  cookie, body: { name: 'Ward nurses', domain: 'Safer discharge from the ward.', purpose: 'Share what works at discharge and stop repeating mistakes.', phase: 'grow' },
});
const C = `/api/v1/communities/${id}`;
const round = (await expectStatus(201, 'POST', `${C}/rounds`, { cookie, body: {} })).id;
const invite = await expectStatus(201, 'POST', `${C}/invites`, { cookie, body: {} });
const members = [];
for (const m of [0, 1, 2]) {
  const { token } = await expectStatus(201, 'POST', `/api/v1/join/${invite.token}`);
  const answers = bank.phases.flatMap((p) => p.questions).map((q, qi) => ({ question: q.id, now: (m + qi) % 5, target: 4 }));
  await expectStatus(200, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers } });
  members.push(token);
}
await expectStatus(200, 'POST', `${C}/rounds/${round}/close`, { cookie });
await expectStatus(200, 'PUT', `${C}/plan`, {
  cookie, body: { vision: 'Every patient goes home knowing their medicine.', goals: '', strategies: '', items: [
    { what: 'Share the checklist', owner: 'Vera', due: '2027-01-31', status: 'done' },
    { what: 'Train the night shift', owner: 'Omar', due: '2099-05-01', status: 'doing' },
  ] },
});
const long = 'The call ran long because everyone had a case to share, and we wrote the best ideas down together. '.repeat(8);
const story = (title, share, extra = {}) => ({
  title, happened: long, immediate: long, potential: long, applied: long, realized: long, reframing: long, share, named: false, author: 'Hidden Author', ...extra,
});
for (const [m, title] of [[0, 'Shared one'], [1, 'Shared two'], [2, 'Shared three']])
  await expectStatus(201, 'POST', `/api/v1/checkups/${members[m]}/stories`, { body: story(title, 'sponsor') });
await expectStatus(201, 'POST', `/api/v1/checkups/${members[0]}/stories`, { body: story('PRIVATE-FOR-COORDINATORS', 'coordinators', { named: true, author: 'Named Person' }) });
for (const [name, value, cycle] of [['Calls held', 11, 'immediate'], ['Checklist downloads', 140, 'potential'], ['Wards using the checklist', 6, 'applied']])
  await expectStatus(201, 'POST', `${C}/indicators`, { cookie, body: { name, value, cycle, period: '2027', note: 'Counted by the coordinators' } });
await expectStatus(200, 'PUT', `${C}/ask`, { cookie, body: { ask: 'Two hours a month for the core group, and a word from you to the ward managers.' } });
const sponsor = await expectStatus(201, 'POST', `${C}/sponsors`, { cookie, body: { label: 'Director of nursing' } });
const sponsorPath = new URL(sponsor.url).pathname;

let browser;
before(async () => {
  browser = await launch();
  await mkdir(out, { recursive: true });
});
after(async () => {
  await browser?.close();
});

describe('value stories without JavaScript', () => {
  it('a member tells, edits and deletes a story after the round closed', async () => {
    const context = await newContext(browser, PHONE, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`/checkup/${members[2]}`);
      await page.getByRole('link', { name: 'Value stories' }).click();
      await page.getByRole('link', { name: 'Tell a story' }).click();
      await page.getByLabel('Title').fill('Typed without script');
      await page.getByLabel('What happened').fill('We met on the ward.');
      await page.getByLabel('3. Applied value').fill('I changed my handover.');
      await page.getByLabel('The coordinators only').check();
      await Promise.all([page.waitForURL(/\/stories\?saved=1$/), page.getByRole('button', { name: 'Save the story' }).click()]);
      await assert.doesNotReject(page.getByText('Typed without script').first().waitFor());
      await page.getByRole('link', { name: /Edit or delete “Typed without script”/ }).click();
      await page.getByLabel('Title').fill('Edited without script');
      await Promise.all([page.waitForURL(/\/stories\?saved=1$/), page.getByRole('button', { name: 'Save the story' }).click()]);
      await page.getByRole('link', { name: /Edit or delete “Edited without script”/ }).click();
      await Promise.all([page.waitForURL(/\/stories\?deleted=1$/), page.getByRole('button', { name: 'Delete this story' }).click()]);
      const left = await expectStatus(200, 'GET', `/api/v1/checkups/${members[2]}/stories`);
      assert.deepEqual(left.stories.map((s) => s.title), ['Shared three']);
    } finally {
      await context.close();
    }
  });

  it('a coordinator records an indicator and sees the matrix', async () => {
    const context = await newContext(browser, DESKTOP, { javaScriptEnabled: false });
    try {
      await signIn(context, cookie);
      const page = await context.newPage();
      await page.goto(`/communities/${id}/value`);
      await page.getByLabel('What was counted').fill('Members who tried the checklist');
      await page.getByLabel('Number', { exact: true }).fill('12');
      await page.getByLabel('Cycle', { exact: true }).selectOption('applied');
      await page.getByLabel('Period').fill('2027-Q2');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record the indicator' }).click()]);
      await assert.doesNotReject(page.getByRole('cell', { name: 'Members who tried the checklist', exact: true }).waitFor());
      const matrix = page.locator('#value-matrix-table');
      assert.match(await matrix.innerText(), /Realised value/);
      await page.screenshot({ path: path.join(out, 'value-matrix.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe('the sponsor brief prints on one page', () => {
  for (const [who, p] of [['coordinators', `/communities/${id}/brief`], ['sponsor', `${sponsorPath}/brief`]]) {
    for (const paper of ['A4', 'Letter']) {
      it(`${who}' copy on ${paper}`, async () => {
        const context = await newContext(browser, DESKTOP);
        try {
          if (who === 'coordinators') await signIn(context, cookie);
          const page = await context.newPage();
          const res = await page.goto(p);
          assert.equal(res.status(), 200);
          const text = await page.locator('main').innerText();
          assert.match(text, /What we need from you/);
          assert.match(text, /Two hours a month/);
          assert.match(text, /Shared one/);
          assert.doesNotMatch(text, /PRIVATE-FOR-COORDINATORS|Named Person|Hidden Author/);
          await page.emulateMedia({ media: 'print' });
          const pdf = await page.pdf({ format: paper, printBackground: true });
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert.equal(pages, 1, `the brief is one page on ${paper} (got ${pages})`);
          await writeFile(path.join(out, `brief-${who}-${paper}.pdf`), pdf);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('a story for the coordinators only reaches no sponsor view', async () => {
    for (const p of [sponsorPath, `${sponsorPath}/brief`, `${sponsorPath}/brief.md`, `/api/v1/sponsor/${sponsor.token}`]) {
      const r = await call('GET', p);
      assert.equal(r.status, 200, p);
      assert.doesNotMatch(r.text, /PRIVATE-FOR-COORDINATORS|Named Person/, p);
      assert.match(r.text, /Shared two/, p);
    }
  });
});
