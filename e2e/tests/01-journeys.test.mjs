// Acceptance 1: the journeys of ux.md in Chromium, at a phone size and a desktop size.
// A newcomer reads the guide, filters examples and searches; then does a whole solo check-up by
// clicking, leaves, comes back through the private link in a fresh browser context, finds every
// answer, reads the results, saves the plan and downloads each export.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, newContext, PHONE, DESKTOP } from '../lib/browser.mjs';
import { questionBank, plannedAnswer, emptyExampleFilter } from '../lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const bank = await questionBank();
const total = bank.phases.reduce((n, p) => n + p.questions.length, 0);

/** Clicks the label of one radio (the way a person picks an answer) and checks that it took. */
async function pick(page, name, value) {
  const input = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
  await page.locator('label').filter({ has: input }).click();
  assert.ok(await input.isChecked(), `${name}=${value} is checked after clicking its label`);
}

async function heading(page) {
  return (await page.locator('h1').first().innerText()).trim();
}

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  describe(`journeys at ${label} size (${viewport.width}x${viewport.height})`, () => {
    it('a newcomer reads the guide, filters the examples and searches', async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      try {
        // Home: what the site offers, in a glance.
        let res = await page.goto('/');
        assert.equal(res.status(), 200);
        assert.match(await heading(page), /community of practice/i);
        await assert.doesNotReject(page.locator('header nav a[href="/guide"]').first().waitFor({ state: 'visible' }));

        // A phase, from the home page's timeline.
        await page.locator('main a[href="/guide/phases/grow"]').first().click();
        await page.waitForURL('**/guide/phases/grow');
        assert.match(await heading(page), /grow/i);

        // A practice linked from the phase.
        const practice = page.locator('main a[href^="/guide/practices/"]').first();
        const practiceHref = await practice.getAttribute('href');
        await practice.click();
        await page.waitForURL(`**${practiceHref}`);
        assert.ok((await heading(page)).length > 3, 'the practice page has a heading');

        // An example: from the practice if it links one, else from the examples list.
        let example = page.locator('main a[href^="/guide/examples/"]').first();
        if ((await example.count()) === 0) {
          await page.goto('/guide/examples');
          example = page.locator('main a[href^="/guide/examples/"]').first();
        }
        const exampleHref = await example.getAttribute('href');
        await example.click();
        await page.waitForURL(`**${exampleHref}`);
        assert.ok((await heading(page)).length > 3, 'the example page has a heading');

        // The example filters: one phase, then a combination with no match, then clear.
        await page.goto('/guide/examples');
        const all = await page.locator('main .cards > li').count();
        assert.ok(all >= 5, `the examples list shows every example (${all})`);
        await page.selectOption('#f-phase', 'grow');
        await Promise.all([page.waitForURL('**/guide/examples?**'), page.getByRole('button', { name: 'Show examples' }).click()]);
        const some = await page.locator('main .cards > li').count();
        assert.ok(some > 0 && some < all, `filtering by phase narrows the list (${some} of ${all})`);
        await assert.doesNotReject(page.getByText(new RegExp(`${some} of ${all} examples match`)).waitFor());

        const empty = await emptyExampleFilter();
        await page.selectOption('#f-sector', empty.sector);
        await page.selectOption('#f-phase', empty.phase);
        await Promise.all([page.waitForURL('**/guide/examples?**'), page.getByRole('button', { name: 'Show examples' }).click()]);
        assert.equal(await page.locator('main .cards > li').count(), 0);
        await assert.doesNotReject(page.getByText('No examples match these filters.').waitFor());
        await Promise.all([page.waitForURL(/\/guide\/examples$/), page.getByRole('link', { name: 'clear all filters' }).click()]);
        assert.equal(await page.locator('main .cards > li').count(), all, 'clearing the filters shows every example again');

        // Search, from the header.
        await page.locator('header nav a[href="/search"]').click();
        await page.waitForURL('**/search');
        await page.getByLabel('Search the guide').fill('newcomers');
        await Promise.all([page.waitForURL('**/search?q=newcomers'), page.getByLabel('Search the guide').press('Enter')]);
        const hits = page.locator('main .results-list a');
        assert.ok((await hits.count()) > 0, 'searching "newcomers" finds pages');
        const hitHref = await hits.first().getAttribute('href');
        await hits.first().click();
        await page.waitForURL(`**${hitHref.replace(/#.*$/, '')}*`);
        assert.ok((await heading(page)).length > 3);
      } finally {
        await context.close();
      }
    });

    it('a whole solo check-up, resumed in a fresh context, then results, plan and exports', async () => {
      const name = `Nurse educators (${label})`;
      let context = await newContext(browser, viewport);
      let page = await context.newPage();
      let resume;
      try {
        await page.goto('/');
        await page.locator('main a.way[href="/checkup"]').click();
        await page.waitForURL('**/checkup');
        await page.getByLabel('Name of your community').fill(name);
        for (const p of bank.phases) {
          assert.ok(await page.locator(`input[name=phase][value="${p.id}"]`).isChecked(), `${p.id} is included by default`);
        }
        await Promise.all([page.waitForURL(/\/checkup\/[^/]+\/phase\/define/), page.getByRole('button', { name: 'Start the check-up' }).click()]);

        // The private link is shown from the first page.
        resume = (await page.locator('#resume-link').innerText()).trim();
        assert.match(resume, /^https?:\/\/[^/]+\/checkup\/[A-Za-z0-9_-]{22,}$/);

        let answered = 0;
        for (const [pi, phase] of bank.phases.entries()) {
          assert.match(page.url(), new RegExp(`/phase/${phase.id}`));
          await assert.doesNotReject(page.getByText(`Phase ${pi + 1} of ${bank.phases.length} - ${answered} of ${total} answered`).waitFor(),
            `progress on ${phase.id}`);
          for (const [qi, q] of phase.questions.entries()) {
            const a = plannedAnswer(pi, qi);
            await pick(page, `now.${q.id}`, a.now);
            await pick(page, `target.${q.id}`, a.target);
          }
          await page.locator(`textarea[name="note.${phase.questions[0].id}"]`).fill(`Our note on ${phase.id}`);
          await page.locator(`textarea[name="prompt.${phase.prompts[0].id}"]`).fill(`Our reflection on ${phase.id}`);
          answered += phase.questions.length;
          const last = pi === bank.phases.length - 1;
          await Promise.all([
            page.waitForURL(last ? /\/results$/ : new RegExp(`/phase/${bank.phases[pi + 1].id}`)),
            page.getByRole('button', { name: last ? 'Save and see results' : 'Save and continue' }).click(),
          ]);
        }
      } finally {
        await context.close(); // "closes the browser"
      }

      // Back through the resume link, in a fresh context: every answer is there.
      context = await newContext(browser, viewport);
      page = await context.newPage();
      try {
        const res = await page.goto(resume);
        assert.equal(res.status(), 200);
        await assert.doesNotReject(page.getByText(`${total} of ${total} statements answered`).waitFor());
        for (const [pi, phase] of bank.phases.entries()) {
          await page.goto(`${new URL(resume).pathname}/phase/${phase.id}`);
          const checked = await page.$$eval('input[type=radio]:checked', (els) => els.map((e) => `${e.name}=${e.value}`));
          const expected = phase.questions.flatMap((q, qi) => {
            const a = plannedAnswer(pi, qi);
            return [`now.${q.id}=${a.now}`, `target.${q.id}=${a.target}`];
          });
          assert.deepEqual(checked.sort(), expected.sort(), `answers on ${phase.id} after resuming`);
          assert.equal(await page.locator(`textarea[name="note.${phase.questions[0].id}"]`).inputValue(), `Our note on ${phase.id}`);
          assert.equal(await page.locator(`textarea[name="prompt.${phase.prompts[0].id}"]`).inputValue(), `Our reflection on ${phase.id}`);
        }

        // Results.
        await page.goto(`${new URL(resume).pathname}/results`);
        assert.match(await heading(page), new RegExp(name.replace(/[()]/g, '\\$&')));
        assert.ok((await page.locator('svg.chart').count()) >= 1, 'results show a chart');
        assert.ok((await page.locator('main table').count()) >= 1, 'results show a data table');

        // The plan: give the first action an owner and a due date, and save it.
        await Promise.all([page.waitForURL(/\/plan$/), page.getByRole('link', { name: 'Make your plan' }).click()]);
        assert.match(await heading(page), /plan/i);
        const what = await page.locator('#plan-items-0-what').inputValue();
        assert.ok(what.length > 0, 'the draft plan suggests a first action');
        await page.locator('#plan-items-0-owner').fill('Ana Souza');
        await page.locator('#plan-items-0-due').fill('2027-03-31');
        await page.locator('#plan-items-0-status').selectOption('doing');
        await page.locator('#plan-vision').fill('Every nurse educator knows where to bring a question.');
        await page.getByRole('button', { name: 'Save the plan' }).click();
        await assert.doesNotReject(page.getByText('Your plan is saved.').waitFor());
        await page.reload();
        assert.equal(await page.locator('#plan-items-0-owner').inputValue(), 'Ana Souza');
        assert.equal(await page.locator('#plan-items-0-due').inputValue(), '2027-03-31');
        assert.equal(await page.locator('#plan-items-0-status').inputValue(), 'doing');

        // Each export, downloaded by clicking its link.
        const download = async (text) => {
          const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: text }).first().click()]);
          assert.equal(await dl.failure(), null, `${text} downloaded`);
          return { name: dl.suggestedFilename(), body: await readFile(await dl.path(), 'utf8') };
        };
        const md = await download('Download (Markdown)');
        assert.match(md.name, /\.md$/);
        assert.ok(md.body.startsWith(`# ${name}`), 'Markdown starts with the community name');
        assert.match(md.body, /## Results/);
        assert.match(md.body, /Ana Souza/);
        assert.match(md.body, /2027-03-31/);
        assert.match(md.body, /Our note on define/);

        const csv = await download('Download (CSV)');
        assert.match(csv.name, /\.csv$/);
        const lines = csv.body.trim().split(/\r?\n/);
        assert.match(lines[0], /^section,id,title,/);
        assert.ok(lines.some((l) => l.startsWith('overall,')), 'CSV has the overall row');
        assert.ok(lines.some((l) => l.includes('Ana Souza') && l.includes('2027-03-31')), 'CSV has the plan action');
        assert.ok(lines.length > total, `CSV has a row per answer (${lines.length} lines)`);

        const json = await download('Download (JSON)');
        assert.match(json.name, /\.json$/);
        const data = JSON.parse(json.body);
        assert.equal(data.answers.length, total);
        const first = bank.phases[0].questions[1];
        const answer = data.answers.find((x) => x.question === first.id);
        const want = plannedAnswer(0, 1);
        assert.equal(answer.now, Number(want.now));
        assert.equal(answer.target, Number(want.target));
        assert.equal(data.plan.items[0].owner, 'Ana Souza');
        assert.equal(data.plan.items[0].due, '2027-03-31');
        assert.ok(data.reflections.some((r) => JSON.stringify(r).includes('Our reflection on grow')), 'JSON has the reflections');
        assert.equal(data.results.overall.answered, total - bank.phases.length, 'one "not sure" per phase is not scored');
      } finally {
        await context.close();
      }
    });
  });
}
