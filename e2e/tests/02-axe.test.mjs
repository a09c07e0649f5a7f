// Acceptance 2 (first half): axe finds no WCAG 2.0/2.1/2.2 A and AA violations on any crawled
// page or any check-up state, error states and empty results included, at phone and desktop sizes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, PHONE, DESKTOP } from '../lib/browser.mjs';
import { axeViolations, preloadAxe } from '../lib/checks.mjs';
import { expectNone } from '../lib/report.mjs';
import { crawledPages, checkupStates, errorStates, showErrorState } from '../lib/site.mjs';

const { pages } = await crawledPages();
const { states, tokens } = await checkupStates();
const errors = await errorStates(tokens);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// At phone size, one page of each kind (layout-dependent rules: target size, scrollable regions,
// contrast over reflowed content) and every check-up state; at desktop size, every page.
const kinds = new Map();
for (const p of pages) {
  const kind = p.path.replace(/\?.*$/, '?').replace(/^(\/guide\/(practices|examples|phases)\/).+$/, '$1*');
  if (!kinds.has(kind)) kinds.set(kind, p);
}
const phonePages = [...kinds.values()];

for (const [label, viewport, crawled] of [['desktop', DESKTOP, pages], ['phone', PHONE, phonePages]]) {
  describe(`axe at ${label} size (${viewport.width}x${viewport.height})`, () => {
    let context;
    let page;
    before(async () => {
      context = await newContext(browser, viewport);
      await preloadAxe(context);
      page = await context.newPage();
    });
    after(async () => {
      await context?.close();
    });

    for (const p of crawled) {
      it(p.path, async () => {
        const res = await page.goto(p.path);
        assert.equal(res.status(), 200);
        expectNone(await axeViolations(page), `axe on ${p.path}`);
      });
    }
    for (const s of states) {
      it(s.name, async () => {
        const res = await page.goto(s.path);
        assert.equal(res.status(), s.status, `${s.path} status`);
        expectNone(await axeViolations(page), `axe on ${s.name} (${s.path.slice(0, 80)})`);
      });
    }
    for (const s of errors) {
      it(s.name, async () => {
        const res = await showErrorState(page, s);
        assert.equal(res.status(), s.status, `POST ${s.form} status`);
        expectNone(await axeViolations(page), `axe on ${s.name}`);
      });
    }
  });
}
