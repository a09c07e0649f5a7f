// Acceptance 4: with JavaScript disabled, the whole check-up works: start, every phase (with a
// validation error on the way, which keeps what was typed), back and next, the overview, results,
// the plan, the print view and the exports.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, PHONE } from '../lib/browser.mjs';
import { questionBank, plannedAnswer, url } from '../lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const bank = await questionBank();
const total = bank.phases.reduce((n, p) => n + p.questions.length, 0);

describe('without JavaScript', () => {
  it('a whole check-up works', async () => {
    const context = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      // Script is really off: an inline script does not run.
      await page.setContent('<title>before</title><script>document.title = "after"</script>');
      assert.equal(await page.title(), 'before', 'JavaScript is disabled in this context');
      await page.goto('/checkup');
      await page.getByLabel('Name of your community').fill('No-script circle');
      // Every phase is included (untick one and tick it again: the checkboxes are plain HTML).
      await page.locator('input[name=phase][value="design"]').uncheck();
      await page.locator('input[name=phase][value="design"]').check();
      await Promise.all([page.waitForURL(/\/phase\/define/), page.getByRole('button', { name: 'Start the check-up' }).click()]);
      const base = page.url().replace(/\/phase\/.*$/, '');
      const included = bank.phases;
      assert.equal(await page.locator('nav[aria-label="Check-up steps"] a[href*="/phase/"]').count(), included.length);

      for (const [n, phase] of included.entries()) {
        const pi = bank.phases.indexOf(phase);
        assert.match(page.url(), new RegExp(`/phase/${phase.id}`));
        const [q0, q1] = phase.questions;
        if (n === 0) {
          // A mistake first: a note on a question with no answer. The page comes back with the
          // error next to the field and everything typed kept.
          await page.locator(`input[name="now.${q0.id}"][value="1"]`).check();
          await page.locator(`input[name="target.${q0.id}"][value="3"]`).check();
          await page.locator(`textarea[name="note.${q1.id}"]`).fill('A note without an answer');
          await page.locator(`textarea[name="prompt.${phase.prompts[0].id}"]`).fill('Kept through the error');
          const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and continue' }).click()]);
          assert.equal(res.status(), 422);
          await assert.doesNotReject(page.locator('#error-summary').waitFor());
          assert.ok(await page.locator(`#q-${q1.id} .error-message`).isVisible(), 'the error is next to the question');
          assert.ok(await page.locator(`input[name="now.${q0.id}"][value="1"]`).isChecked(), 'answers kept');
          assert.ok(await page.locator(`input[name="target.${q0.id}"][value="3"]`).isChecked(), 'answers kept');
          assert.equal(await page.locator(`textarea[name="note.${q1.id}"]`).inputValue(), 'A note without an answer');
          assert.equal(await page.locator(`textarea[name="prompt.${phase.prompts[0].id}"]`).inputValue(), 'Kept through the error');
          // The error summary links to the field.
          const href = await page.locator('#error-summary a').first().getAttribute('href');
          assert.match(href, /^#/);
          assert.equal(await page.locator(href).count(), 1, `the error link ${href} points at a field`);
        }
        for (const [qi, q] of phase.questions.entries()) {
          const a = plannedAnswer(pi, qi);
          await page.locator(`input[name="now.${q.id}"][value="${a.now}"]`).check();
          await page.locator(`input[name="target.${q.id}"][value="${a.target}"]`).check();
        }
        const last = n === included.length - 1;
        if (n === 1) {
          // Back, then forward again: answers on both pages survive.
          await Promise.all([page.waitForURL(/\/phase\/define/), page.getByRole('button', { name: 'Save and go back' }).click()]);
          const prev = included[0];
          const a = plannedAnswer(bank.phases.indexOf(prev), 2);
          assert.ok(await page.locator(`input[name="now.${prev.questions[2].id}"][value="${a.now}"]`).isChecked());
          await Promise.all([page.waitForURL(new RegExp(`/phase/${phase.id}`)), page.getByRole('button', { name: 'Save and continue' }).click()]);
          const b = plannedAnswer(pi, 0);
          assert.ok(await page.locator(`input[name="now.${q0.id}"][value="${b.now}"]`).isChecked(), 'the page left by "back" was saved');
        }
        await Promise.all([
          page.waitForURL(last ? /\/results$/ : /\/phase\//),
          page.getByRole('button', { name: last ? 'Save and see results' : 'Save and continue' }).click(),
        ]);
      }

      // Overview, results, plan.
      await page.goto(base);
      const count = included.reduce((s, p) => s + p.questions.length, 0);
      await assert.doesNotReject(page.getByText(`${count} of ${count} statements answered`).waitFor());
      await page.goto(`${base}/results`);
      assert.ok(await page.locator('svg.chart').count() >= 1, 'the chart is server-drawn SVG');
      assert.ok(await page.locator('main table').count() >= 1);
      await Promise.all([page.waitForURL(/\/plan$/), page.getByRole('link', { name: 'Make your plan' }).click()]);
      await page.locator('#plan-items-0-owner').fill('Kim');
      await page.locator('#plan-items-0-due').fill('2027-06-30');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and add an action' }).click()]);
      const items = await page.locator('fieldset.plan-item').count();
      await page.locator(`input[name="item.${items - 1}.what"]`).fill('Write down what we learnt');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the plan' }).click()]);
      await assert.doesNotReject(page.getByText('Your plan is saved.').waitFor());
      const plan = await (await fetch(url(`/api/v1/checkups/${base.split('/').pop()}/plan`))).json();
      assert.equal(plan.items[0].owner, 'Kim');
      assert.equal(plan.items[0].due, '2027-06-30');
      assert.ok(plan.items.some((i) => i.what === 'Write down what we learnt'), 'the added action is saved');

      // Print view and a download, still without script.
      const res = await page.goto(`${base}/print`);
      assert.equal(res.status(), 200);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.goto(`${base}/results`).then(() =>
        page.getByRole('link', { name: 'Download (CSV)' }).first().click())]);
      assert.equal(await dl.failure(), null);
      assert.equal(count, total);
    } finally {
      await context.close();
    }
  });
});
