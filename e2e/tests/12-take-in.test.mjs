// Issue 17, acceptance 6: pages you can take in. (1) The team and solo results open with a
// one-screen summary (phase, overall, the three areas to work on first, and for a team where
// members disagree) and keep every table in <details> sections, labelled, that open without
// JavaScript and all print open; the printout of a round like the demo one is short, without
// half-empty pages. (2) On a phone, one question with both scales fits in about one screen, as
// native radios in a row of 0-4 segments and "Not sure", at least 44x44 px, with the chosen word
// shown, keyboard use and the look on desktop kept. Heights and page counts are printed with the
// test names, screenshots go to e2e/screenshots/take-in-*.png and the PDFs beside them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext, baseURL, PHONE, DESKTOP } from '../lib/browser.mjs';
import { focusIndicator } from '../lib/checks.mjs';
import { questionBank, request, checkupStates } from '../lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, '..', 'screenshots');
const SESSION = '__Host-cultivate-session';
const run = Date.now().toString(36);

// Measured before this change, with the same fixtures and the pages as they were: the team round
// below (twelve members, like the demo round, whose page was 21,100 px tall at 1280 px and printed
// on 26 A4 pages) printed on 27 A4 pages, the solo results on 10; the first question took 1,430 px
// at 390 px wide, and the first phase page 19,800 px.
const BEFORE = { teamPages: 27, soloPages: 10, question: 1430, phasePage: 19800 };

const bank = await questionBank();
const { tokens } = await checkupStates();

async function call(method, p, options = {}) {
  const r = await request(method, p, { ...options, redirect: 'manual' });
  return r;
}
async function expectStatus(want, method, p, options) {
  const r = await call(method, p, options);
  assert.equal(r.status, want, `${method} ${p}: ${r.text.slice(0, 200)}`);
  return r.json;
}

// ---------------------------------------------------------------- a round like the demo one

// Twelve members answer every statement around a level per phase (as content/demo.toml does),
// split on three statements, with notes and reflections: a closed round with every section.
const LEVEL = { define: 3.1, design: 2.8, grow: 2.3, perform: 1.5, transform: 1.0 };
const DISPUTED = new Set(bank.phases.flatMap((p) => p.questions.slice(1, 2).map((q) => q.id)).slice(0, 4));
const email = `ana.takein.${run}@example.org`;
await expectStatus(202, 'POST', '/api/v1/accounts', { body: { email, password: 'a long enough test password', name: 'Ana Souza' } });
const login = await call('POST', '/api/v1/session', { body: { email, password: 'a long enough test password' } });
assert.equal(login.status, 200);
const cookie = login.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)).split(';')[0];
const community = (await expectStatus(201, 'POST', '/api/v1/communities', {
  cookie,
  body: { name: 'Riverside wound care network', domain: 'Helping chronic wounds heal faster.', purpose: 'Share what works.', phase: 'grow' },
})).id;
const round = (await expectStatus(201, 'POST', `/api/v1/communities/${community}/rounds`, { cookie, body: {} })).id;
const invite = await expectStatus(201, 'POST', `/api/v1/communities/${community}/invites`, { cookie, body: { max_uses: 12 } });
for (let m = 0; m < 12; m += 1) {
  const { token } = await expectStatus(201, 'POST', `/api/v1/join/${invite.token}`);
  const answers = [];
  bank.phases.forEach((phase) => phase.questions.forEach((q, qi) => {
    const wobble = ((m * 7 + qi * 3) % 5) - 2; // -2..2, the same on every run
    let now = Math.round(LEVEL[phase.id] + wobble / 2);
    if (DISPUTED.has(q.id)) now = m % 2 ? 4 : 0;
    now = Math.max(0, Math.min(4, now));
    const target = Math.min(4, now + 1 + (m % 2));
    // About one answer in thirty has a note, as in the demo.
    const note = (m * 61 + answers.length) % 30 === 0 ? `Note ${m}.${qi}: the night shift never makes the lunchtime sessions.` : '';
    answers.push({ question: q.id, now, target, note });
  }));
  await expectStatus(200, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers } });
  const prompts = bank.phases.flatMap((p) => p.prompts);
  await expectStatus(200, 'PUT', `/api/v1/checkups/${token}/reflections`, {
    body: { reflections: prompts.slice(m % 3, m % 3 + 1).map((p) => ({ prompt: p.id, text: `Member ${m} reflects on ${p.id}.` })) },
  });
}
await expectStatus(200, 'POST', `/api/v1/communities/${community}/rounds/${round}/close`, { cookie });
const TEAM = `/communities/${community}/rounds/${round}`;
// A member of a new round, whose questions carry the longer hints of a team check-up.
await expectStatus(201, 'POST', `/api/v1/communities/${community}/rounds`, { cookie, body: {} });
const memberInvite = await expectStatus(201, 'POST', `/api/v1/communities/${community}/invites`, { cookie, body: {} });
const memberToken = (await expectStatus(201, 'POST', `/api/v1/join/${memberInvite.token}`)).token;
const SOLO = `/checkup/${tokens.planned}/results`;

async function signIn(context) {
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  await context.addCookies([{ name, value, domain: new URL(baseURL()).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
}

let browser;
before(async () => {
  browser = await launch();
  await mkdir(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** Opens a page in a fresh context (signed in as the coordinator); returns { context, page }. */
async function open(p, viewport, options = {}) {
  const context = await newContext(browser, viewport, options);
  await signIn(context);
  const page = await context.newPage();
  const res = await page.goto(p);
  assert.equal(res.status(), 200, p);
  return { context, page };
}

/** The PDF's page count on A4, with the PDF and its first pages saved. */
async function printedPages(page, name) {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await writeFile(path.join(shots, `take-in-${name}.pdf`), pdf);
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** Facts about the results page: the summary's box, the sections, and what is visible. */
function pageFacts(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const glance = document.querySelector('main .glance');
    const g = glance?.getBoundingClientRect();
    const sections = [...main.querySelectorAll('details.section')].map((d) => ({
      id: d.id,
      open: d.open,
      heading: d.querySelector(':scope > summary h2')?.textContent.trim() ?? '',
      tables: d.querySelectorAll('table').length,
      charts: d.querySelectorAll('svg.chart').length,
    }));
    const outside = [...main.querySelectorAll('table, svg.chart')].filter((t) => !t.closest('details.section')).length;
    // Shown: laid out and not in the skipped content of a closed <details>.
    const visibleTables = [...main.querySelectorAll('table')].filter((t) => t.checkVisibility() && t.getBoundingClientRect().height > 0).length;
    return {
      glanceBottom: g ? g.bottom + window.scrollY : null,
      glanceHeight: g?.height ?? 0,
      glanceText: glance?.innerText ?? '',
      sections,
      outside,
      tables: main.querySelectorAll('table').length,
      visibleTables,
      height: document.documentElement.scrollHeight,
    };
  });
}

// ---------------------------------------------------------------- 1. results

for (const [what, p, want] of [
  ['team', TEAM, { sections: ['team-areas', 'disputed', 'team-scores', 'team-elements', 'team-principles', 'team-cycles', 'team-statements', 'team-answers', 'team-notes', 'team-reflections'], pages: BEFORE.teamPages }],
  ['solo', SOLO, { sections: ['areas', 'strengths', 'placement-detail', 'scores-phase', 'scores-element', 'scores-principle', 'scores-cycle', 'notes'], optional: ['strengths'], pages: BEFORE.soloPages }],
]) {
  describe(`${what} results: a summary, then the details in sections`, () => {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      it(`the summary fits in one screen at ${label} size (${viewport.width}x${viewport.height})`, async (t) => {
        const { context, page } = await open(p, viewport);
        try {
          const f = await pageFacts(page);
          await page.screenshot({ path: path.join(shots, `take-in-${what}-results-${label}.png`) });
          t.diagnostic(`the summary is ${Math.round(f.glanceHeight)} px tall and ends at ${Math.round(f.glanceBottom)} px; the page is ${f.height} px tall with every section closed`);
          assert.ok(f.glanceBottom, 'the page has a summary');
          // On a desktop the whole summary is on the first screen. A phone shows fewer words a
          // line: there the summary itself is at most a screen and a half.
          if (label === 'desktop') assert.ok(f.glanceBottom <= viewport.height, `the summary ends at ${Math.round(f.glanceBottom)} px`);
          else assert.ok(f.glanceHeight <= viewport.height * 1.5, `the summary is ${Math.round(f.glanceHeight)} px tall`);
          assert.match(f.glanceText, /phase/i, 'it names the phase');
          assert.match(f.glanceText, /\d+%/, 'it gives the overall score');
          const top = await page.locator('main .glance ol.top-areas > li').count();
          assert.equal(top, 3, 'it names the three areas to work on first');
          if (what === 'team') assert.match(f.glanceText, /Where members disagree/, 'it says where members disagree');
          else assert.doesNotMatch(f.glanceText, /disagree/, 'a solo check-up has no disagreement');
          // The sections, in order; strengths only when there are some.
          const ids = f.sections.map((s) => s.id);
          assert.deepEqual(ids, want.sections.filter((id) => ids.includes(id) || !want.optional?.includes(id)), 'the details sections, in order');
          for (const s of f.sections) {
            assert.equal(s.open, false, `${s.id} starts closed`);
            assert.ok(s.heading.length > 3, `${s.id} has a heading in its summary`);
          }
          assert.equal(f.outside, 0, 'every table and chart sits in a details section');
          assert.equal(f.visibleTables, 0, 'the tables are out of the way until opened');
          assert.ok(f.tables >= (what === 'team' ? 5 : 4), `every table is still on the page (${f.tables})`);
        } finally {
          await context.close();
        }
      });
    }

    it('a section opens without JavaScript, and a summary link opens its section', async () => {
      const { context, page } = await open(p, PHONE, { javaScriptEnabled: false });
      try {
        const first = page.locator('details.section').nth(want.sections.indexOf(what === 'team' ? 'team-scores' : 'scores-phase'));
        await first.locator('summary').click();
        assert.equal(await first.evaluate((d) => d.open), true, 'clicking the summary opens it');
        assert.ok(await first.locator('table').first().isVisible(), 'its table shows');
        await page.screenshot({ path: path.join(shots, `take-in-${what}-section-open-phone.png`) });
        // The first area in the summary links into the closed list of areas, which opens.
        await page.locator('main .glance ol.top-areas a').first().click();
        const areas = page.locator(`details#${want.sections[0]}`);
        assert.equal(await areas.evaluate((d) => d.open), true, 'following the link opens the section');
        assert.ok(await areas.locator('article.area').first().isVisible());
      } finally {
        await context.close();
      }
    });

    it('keyboard: Tab reaches each section, Enter opens it', async () => {
      const { context, page } = await open(p, DESKTOP);
      try {
        const summary = page.locator('details.section > summary').first();
        await summary.focus();
        const f = await focusIndicator(page);
        assert.ok(f.indicator, `the focused section summary shows focus (${f.tag})`);
        await page.keyboard.press('Enter');
        assert.equal(await page.locator('details.section').first().evaluate((d) => d.open), true);
      } finally {
        await context.close();
      }
    });

    for (const js of [true, false]) {
      it(`printed on A4 ${js ? '' : 'without JavaScript '}every section is open, on fewer pages`, async (t) => {
        const { context, page } = await open(p, DESKTOP, { javaScriptEnabled: js });
        try {
          const pages = await printedPages(page, `${what}-results${js ? '' : '-nojs'}`);
          await page.emulateMedia({ media: 'print' });
          await page.setViewportSize({ width: 718, height: 1000 }); // A4 inside the @page margins
          const f = await pageFacts(page);
          if (js) await page.screenshot({ path: path.join(shots, `take-in-${what}-results-print.png`), fullPage: true });
          t.diagnostic(`${pages} A4 pages (before: ${want.pages}); ${f.visibleTables} of ${f.tables} tables printed`);
          assert.equal(f.visibleTables, f.tables, 'every table is printed');
          const hidden = await page.evaluate(() => [...document.querySelectorAll('main details.section article, main details.section dl, main details.section svg, main details.section li')]
            .filter((el) => !el.checkVisibility() || el.getBoundingClientRect().height === 0).length);
          assert.equal(hidden, 0, 'every area, note and chart is printed');
          assert.ok(pages <= Math.ceil(want.pages * 0.6), `printed on ${pages} pages, ${want.pages} before`);
        } finally {
          await context.close();
        }
      });
    }
  });
}

// ---------------------------------------------------------------- 2. answering on a phone

const firstPhase = bank.phases[0];
const PHASE = `/checkup/${tokens.empty}/phase/${firstPhase.id}`;
const q0 = firstPhase.questions[0];

describe('answering on a phone (390x844)', () => {
  it('one question with both scales fits in one screen; the phase page is far shorter', async (t) => {
    const { context, page } = await open(PHASE, PHONE);
    try {
      const question = page.locator(`#q-${q0.id}`);
      const h = (await question.boundingBox()).height;
      const total = await page.evaluate(() => document.documentElement.scrollHeight);
      await question.screenshot({ path: path.join(shots, 'take-in-question-phone.png') });
      await page.screenshot({ path: path.join(shots, 'take-in-phase-phone.png') });
      t.diagnostic(`one question: ${Math.round(h)} px (before: ${BEFORE.question}); the phase page: ${total} px (before: ${BEFORE.phasePage})`);
      assert.ok(h <= 900, `one question takes ${Math.round(h)} px`);
      assert.ok(total <= BEFORE.phasePage * 0.6, `the phase page takes ${total} px`);
      // Every question of the page: no taller than a screen.
      const heights = await page.locator('section.question[id^="q-"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      assert.ok(Math.max(...heights) <= 900, `the tallest question takes ${Math.round(Math.max(...heights))} px`);
    } finally {
      await context.close();
    }
  });

  it('a member\'s question, with the longer hints of a team check-up, fits in one screen too', async (t) => {
    const { context, page } = await open(`/checkup/${memberToken}/phase/${firstPhase.id}`, PHONE);
    try {
      const heights = await page.locator('section.question[id^="q-"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      const total = await page.evaluate(() => document.documentElement.scrollHeight);
      t.diagnostic(`a member's questions: ${heights.map(Math.round).join(', ')} px; the phase page ${total} px`);
      assert.ok(Math.max(...heights) <= 900, `the tallest question takes ${Math.round(Math.max(...heights))} px`);
      await page.locator(`#q-${q0.id}`).screenshot({ path: path.join(shots, 'take-in-member-question-phone.png') });
    } finally {
      await context.close();
    }
  });

  it('each scale is a fieldset with a legend and a row of native radios, at least 44x44 px', async () => {
    const { context, page } = await open(PHASE, PHONE);
    try {
      const facts = await page.locator(`#q-${q0.id} fieldset`).evaluateAll((sets) => sets.map((fs) => ({
        legend: fs.querySelector(':scope > legend')?.textContent.trim(),
        radios: [...fs.querySelectorAll('input[type=radio]')].map((r) => {
          const box = r.labels[0].getBoundingClientRect();
          return { name: r.name, value: r.value, width: box.width, height: box.height, top: Math.round(box.top) };
        }),
      })));
      assert.equal(facts.length, 2, 'two scales');
      for (const fs of facts) {
        assert.ok(fs.legend, 'a legend names the scale');
        assert.deepEqual(fs.radios.map((r) => r.value), ['0', '1', '2', '3', '4', 'na']);
        assert.equal(new Set(fs.radios.map((r) => r.name)).size, 1, 'one radio group');
        for (const r of fs.radios) assert.ok(r.width >= 44 && r.height >= 44, `${r.name}=${r.value} is ${r.width.toFixed(0)}x${r.height.toFixed(0)} px`);
        assert.equal(new Set(fs.radios.slice(0, 5).map((r) => r.top)).size, 1, '0 to 4 sit in one row');
      }
    } finally {
      await context.close();
    }
  });

  it('tapping a segment chooses it and shows its word; arrow keys move within the scale', async () => {
    const { context, page } = await open(PHASE, PHONE);
    try {
      const name = `now.${q0.id}`;
      const scale = page.locator(`#q-${q0.id} fieldset`).first();
      // Before a choice, the words of both ends show.
      const ends = await scale.locator('.word').evaluateAll((ws) => ws.filter((w) => w.getBoundingClientRect().width > 1).map((w) => w.textContent));
      assert.deepEqual(ends, [bank.scale[0].label, bank.scale[4].label, bank.not_sure]);
      await page.locator(`label:has(input[name="${name}"][value="2"])`).tap();
      assert.ok(await page.locator(`input[name="${name}"][value="2"]`).isChecked());
      const shown = await scale.locator('.word').evaluateAll((ws) => ws.filter((w) => w.getBoundingClientRect().width > 1).map((w) => w.textContent));
      assert.deepEqual(shown, [bank.scale[2].label, bank.not_sure], 'the chosen word shows');
      await page.screenshot({ path: path.join(shots, 'take-in-question-chosen-phone.png'), clip: await page.locator(`#q-${q0.id}`).boundingBox() });
      // Keyboard: focus stays in the group and moves the choice, with a visible focus ring.
      await page.locator(`input[name="${name}"][value="2"]`).focus();
      await page.keyboard.press('ArrowRight');
      const active = await page.evaluate(() => ({ name: document.activeElement.name, value: document.activeElement.value, checked: document.activeElement.checked }));
      assert.deepEqual(active, { name, value: '3', checked: true });
      const f = await focusIndicator(page);
      assert.ok(f.indicator, `the focused segment shows focus (${f.tag})`);
      await page.screenshot({ path: path.join(shots, 'take-in-question-focus-phone.png'), clip: await page.locator(`#q-${q0.id}`).boundingBox() });
    } finally {
      await context.close();
    }
  });

  it('without JavaScript the answers are saved', async () => {
    const { context, page } = await open(PHASE, PHONE, { javaScriptEnabled: false });
    try {
      await page.locator(`label:has(input[name="now.${q0.id}"][value="1"])`).click();
      await page.locator(`label:has(input[name="target.${q0.id}"][value="na"])`).click();
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save for later' }).click()]);
      await page.goto(PHASE);
      assert.ok(await page.locator(`input[name="now.${q0.id}"][value="1"]`).isChecked());
      assert.ok(await page.locator(`input[name="target.${q0.id}"][value="na"]`).isChecked());
    } finally {
      await context.close();
    }
  });

  it('on a desktop the scales keep their look: visible radios and words in one row', async () => {
    const { context, page } = await open(PHASE, DESKTOP);
    try {
      const r = await page.locator(`#q-${q0.id} fieldset`).first().evaluate((fs) => {
        const radios = [...fs.querySelectorAll('input[type=radio]')];
        return {
          opacity: radios.map((x) => getComputedStyle(x).opacity),
          tops: radios.map((x) => Math.round(x.labels[0].getBoundingClientRect().top)),
          words: [...fs.querySelectorAll('.word')].map((w) => w.getBoundingClientRect().width > 1),
        };
      });
      assert.ok(r.opacity.every((o) => o === '1'), 'the radios show');
      assert.equal(new Set(r.tops).size, 1, 'the six answers sit in one row');
      assert.ok(r.words.every(Boolean), 'every answer shows its word');
      await page.locator(`#q-${q0.id}`).screenshot({ path: path.join(shots, 'take-in-question-desktop.png') });
    } finally {
      await context.close();
    }
  });
});
