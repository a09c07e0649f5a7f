// Acceptance 6: results and plan print to PDF (A4 and Letter) in Chromium, without navigation
// chrome, and without charts cut off or split across pages.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext, DESKTOP } from '../lib/browser.mjs';
import { expectNone } from '../lib/report.mjs';
import { checkupStates } from '../lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'screenshots');
const MM = 96 / 25.4; // CSS px per millimetre

// Paper sizes and the printable area inside the stylesheet's @page margins (16mm 14mm).
const PAPERS = {
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
};
const MARGIN = { vertical: 16, horizontal: 14 };

const { tokens } = await checkupStates();
const PAGES = {
  results: `/checkup/${tokens.planned}/results`,
  plan: `/checkup/${tokens.planned}/plan`,
  print: `/checkup/${tokens.planned}/print`,
};

let browser;
before(async () => {
  browser = await launch();
  await mkdir(out, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** Problems of a page laid out for print on the given paper (in print emulation). */
async function printProblems(page, paper) {
  const area = {
    width: (PAPERS[paper].width - 2 * MARGIN.horizontal) * MM,
    height: (PAPERS[paper].height - 2 * MARGIN.vertical) * MM,
  };
  await page.setViewportSize({ width: Math.floor(area.width), height: Math.floor(area.height) });
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(({ area }) => {
    const problems = [];
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      return getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && r.width > 0 && r.height > 0;
    };
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}${el.getAttribute('aria-label') ? `[aria-label="${el.getAttribute('aria-label')}"]` : ''}`;
    // Navigation chrome: the site header and footer, every nav, the skip link.
    for (const el of document.querySelectorAll('header.site-header, footer.site-footer, nav, .skip-link, .side-nav, .breadcrumbs')) {
      if (shown(el)) problems.push(`chrome: ${name(el)} is printed`);
    }
    // Charts: as wide as the paper at most, no taller than a page, and kept on one page.
    const charts = [...document.querySelectorAll('svg.chart')];
    for (const [i, chart] of charts.entries()) {
      if (!shown(chart)) {
        problems.push(`chart: svg.chart #${i + 1} (${chart.dataset.for ?? ''}) is not printed`);
        continue;
      }
      const r = chart.getBoundingClientRect();
      if (r.right > area.width + 0.5 || r.left < -0.5) problems.push(`chart: svg.chart #${i + 1} (${chart.dataset.for ?? ''}) is cut off at the side (${Math.round(r.left)}..${Math.round(r.right)} of ${Math.round(area.width)}px)`);
      if (r.height > area.height) problems.push(`chart: svg.chart #${i + 1} (${chart.dataset.for ?? ''}) is taller than a page (${Math.round(r.height)} > ${Math.round(area.height)}px)`);
      // It may be split across pages unless it or a box around it avoids breaks inside.
      let keep = false;
      for (let n = chart; n && n !== document.body; n = n.parentElement) {
        const s = getComputedStyle(n);
        if (s.breakInside === 'avoid' || s.breakInside === 'avoid-page' || s.pageBreakInside === 'avoid') keep = true;
      }
      const top = r.top + window.scrollY;
      const straddles = Math.floor(top / area.height) !== Math.floor((top + r.height - 1) / area.height);
      if (!keep) problems.push(`chart: svg.chart #${i + 1} (${chart.dataset.for ?? ''}) has no break-inside: avoid${straddles ? ' and falls across a page break' : ''}`);
    }
    // Nothing wider than the paper.
    const s = document.scrollingElement;
    if (s.scrollWidth > s.clientWidth) problems.push(`overflow: the printed page is ${s.scrollWidth - s.clientWidth}px wider than the paper`);
    return { problems, charts: charts.length };
  }, { area });
}

describe('print', () => {
  for (const [what, p] of Object.entries(PAGES)) {
    for (const paper of Object.keys(PAPERS)) {
      it(`${what} on ${paper}: PDF, no navigation chrome, charts whole`, async () => {
        const context = await newContext(browser, DESKTOP);
        const page = await context.newPage();
        try {
          const res = await page.goto(p);
          assert.equal(res.status(), 200);
          const pdf = await page.pdf({ format: paper, printBackground: true });
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'a PDF came out');
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert.ok(pages >= 1, `the PDF has pages (${pages})`);
          await writeFile(path.join(out, `print-${what}-${paper}.pdf`), pdf);
          const { problems, charts } = await printProblems(page, paper);
          if (what !== 'plan') assert.ok(charts >= 1, `${what} has charts to print`);
          expectNone(problems, `printing ${what} on ${paper}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

// Issue 18: every template prints on one or two pages, without the site around it.
const TEMPLATES = ['community-charter', 'sponsor-one-pager', 'meeting-agenda', 'welcome-note',
  'handover-note', 'yearly-review-agenda'];
describe('templates print on one or two pages', () => {
  for (const id of TEMPLATES) {
    for (const paper of Object.keys(PAPERS)) {
      it(`${id} on ${paper}`, async () => {
        const context = await newContext(browser, DESKTOP);
        const page = await context.newPage();
        try {
          const res = await page.goto(`/guide/templates/${id}`);
          assert.equal(res.status(), 200);
          const pdf = await page.pdf({ format: paper, printBackground: true });
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'a PDF came out');
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert.ok(pages >= 1 && pages <= 2, `${id} prints on ${pages} pages of ${paper}`);
          await writeFile(path.join(out, `print-template-${id}-${paper}.pdf`), pdf);
          const { problems } = await printProblems(page, paper);
          expectNone(problems, `printing ${id} on ${paper}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
