// Lighthouse (desktop preset) on the home page, a guide phase page, a check-up phase page and a
// results page. Prints the four category scores per page and exits non-zero when accessibility or
// best practices are below 100, SEO below 95 or performance below 95.
// Run through scripts/lighthouse (it starts the server and sets BASE_URL). Not part of `make test`.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './lib/browser.mjs';
import { createCheckup, answerEverythingByForm, url } from './lib/site.mjs';

const THRESHOLDS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 95 };
const CATEGORIES = Object.keys(THRESHOLDS);

const token = await createCheckup('Lighthouse circle');
await answerEverythingByForm(token);
const pages = [
  ['home', '/'],
  ['guide phase', '/guide/phases/grow'],
  ['check-up phase', `/checkup/${token}/phase/design`],
  ['results', `/checkup/${token}/results`],
];

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: CHROMIUM_ARGS,
  logLevel: 'silent',
});

let failed = false;
const rows = [];
try {
  for (const [name, path] of pages) {
    const result = await lighthouse(url(path), { port: chrome.port, output: 'json', logLevel: 'error' }, desktopConfig);
    const { lhr } = result;
    if (lhr.runtimeError) {
      console.error(`${name}: Lighthouse runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      failed = true;
      continue;
    }
    const scores = {};
    for (const id of CATEGORIES) scores[id] = Math.round((lhr.categories[id]?.score ?? 0) * 100);
    rows.push({ name, path: path.replace(token, '<token>'), ...scores });
    for (const id of CATEGORIES) {
      if (scores[id] >= THRESHOLDS[id]) continue;
      failed = true;
      // Name what costs points, so the fix is clear.
      const lost = lhr.categories[id].auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => `${audit.id} (${Math.round(audit.score * 100)})${audit.displayValue ? ` ${audit.displayValue}` : ''}: ${audit.title}`);
      console.error(`${name}: ${id} ${scores[id]} < ${THRESHOLDS[id]}:\n  ${lost.join('\n  ') || '(no failing audit listed)'}`);
    }
    if (lhr.runWarnings?.length) console.error(`${name}: warnings: ${lhr.runWarnings.join(' | ')}`);
  }
} finally {
  await chrome.kill();
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('page', 16)}${pad('path', 40)}${CATEGORIES.map((c) => pad(c, 16)).join('')}`);
for (const r of rows) {
  console.log(`${pad(r.name, 16)}${pad(r.path, 40)}${CATEGORIES.map((c) => pad(r[c], 16)).join('')}`);
}
console.log(`\nthresholds: ${CATEGORIES.map((c) => `${c} >= ${THRESHOLDS[c]}`).join(', ')}`);
console.log(failed ? 'lighthouse: FAILED' : 'lighthouse: all pages meet the thresholds');
process.exit(failed ? 1 : 0);
