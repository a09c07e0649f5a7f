// Acceptance 5 (layout): no horizontal scrolling at 320 px on any page or check-up state; touch
// targets at least 24x24 px (WCAG 2.5.8; links inline in a sentence are exempt) at 320 px and at
// desktop size; screenshots of the key pages at phone and desktop sizes in e2e/screenshots/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext, PHONE, DESKTOP, NARROW } from '../lib/browser.mjs';
import { horizontalOverflow, smallTargets } from '../lib/checks.mjs';
import { expectNone } from '../lib/report.mjs';
import { crawledPages, checkupStates, errorStates, showErrorState } from '../lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, '..', 'screenshots');

const { pages } = await crawledPages();
const { states, tokens } = await checkupStates();
const errors = await errorStates(tokens);

let browser;
before(async () => {
  browser = await launch();
  await mkdir(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
});

async function checkLayout(page, what, { targets = true } = {}) {
  const { over, culprits } = await horizontalOverflow(page);
  const problems = [];
  if (over > 0) problems.push(`overflow: the page scrolls ${over}px sideways; wider than the viewport: ${culprits.join(', ')}`);
  if (targets) problems.push(...(await smallTargets(page)).map((t) => `target-size: ${t}`));
  expectNone(problems, what, { show: 25 });
}

describe(`layout at ${NARROW.width} px: no sideways scrolling, targets at least 24x24`, () => {
  let context;
  let page;
  before(async () => {
    context = await newContext(browser, NARROW);
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
  });
  for (const p of pages) {
    it(p.path, async () => {
      await page.goto(p.path);
      await checkLayout(page, `layout of ${p.path} at ${NARROW.width}px`);
    });
  }
  for (const s of states) {
    it(s.name, async () => {
      const res = await page.goto(s.path);
      assert.equal(res.status(), s.status);
      await checkLayout(page, `layout of ${s.name} at ${NARROW.width}px`);
    });
  }
  for (const s of errors) {
    it(s.name, async () => {
      const res = await showErrorState(page, s);
      assert.equal(res.status(), s.status);
      await checkLayout(page, `layout of ${s.name} at ${NARROW.width}px`);
    });
  }
});

describe(`targets at desktop size (${DESKTOP.width}x${DESKTOP.height})`, () => {
  let context;
  let page;
  before(async () => {
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
  });
  for (const s of [...pages.map((p) => ({ name: p.path, path: p.path, status: 200 })), ...states]) {
    it(s.name, async () => {
      const res = await page.goto(s.path);
      assert.equal(res.status(), s.status);
      await checkLayout(page, `layout of ${s.name} at ${DESKTOP.width}px`);
    });
  }
});

describe('screenshots of the key pages (e2e/screenshots/)', () => {
  const key = () => [
    ['home', '/'],
    ['guide', '/guide'],
    ['phase', '/guide/phases/grow'],
    ['practice', pages.find((p) => p.path.startsWith('/guide/practices/')).path],
    ['examples', '/guide/examples?phase=grow'],
    ['example', pages.find((p) => p.path.startsWith('/guide/examples/')).path],
    ['search', '/search?q=newcomers'],
    ['checkup-start', '/checkup'],
    ['checkup-phase', `/checkup/${tokens.full}/phase/define`],
    ['checkup-overview', `/checkup/${tokens.full}`],
    ['results', `/checkup/${tokens.full}/results`],
    ['plan', `/checkup/${tokens.planned}/plan`],
    ['print', `/checkup/${tokens.planned}/print`],
    ['not-found', '/no-such-page'],
  ];
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    it(`${label} (${viewport.width}x${viewport.height})`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      try {
        for (const [name, p] of key()) {
          await page.goto(p);
          const file = path.join(shots, `${label}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
        }
        const error = errors.find((e) => e.name.startsWith('phase page'));
        await showErrorState(page, error);
        await page.screenshot({ path: path.join(shots, `${label}-checkup-phase-error.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
});
