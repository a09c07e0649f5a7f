// Lighthouse (desktop preset) on the home page, a guide phase page, a check-up phase page, a
// results page and a step of the review meeting (signed in). Prints the four category scores per
// page and exits non-zero when accessibility or best practices are below 100, SEO below 95 or
// performance below 95. Private pages (a check-up, the meeting) must carry noindex: there
// Lighthouse's is-crawlable audit is expected to fail and is not counted against SEO.
// Run through scripts/lighthouse (it starts the server and sets BASE_URL). Not part of `make test`.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './lib/browser.mjs';
import { createCheckup, answerEverythingByForm, url, request, questionBank } from './lib/site.mjs';

const THRESHOLDS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 95 };
const CATEGORIES = Object.keys(THRESHOLDS);

const token = await createCheckup('Lighthouse circle');
await answerEverythingByForm(token);

// A coordinator with a closed round three members answered, for a step of the review meeting.
async function meeting() {
  const email = `lighthouse.${Date.now().toString(36)}@example.org`;
  const password = 'a long enough lighthouse password';
  const api = (method, p, options) => request(method, p, { ...options, redirect: 'manual' });
  await api('POST', '/api/v1/accounts', { body: { email, password, name: 'Lee' } });
  const session = await api('POST', '/api/v1/session', { body: { email, password } });
  const cookie = session.res.headers.getSetCookie().find((c) => c.startsWith('__Host-cultivate-session=')).split(';')[0];
  const c = (await api('POST', '/api/v1/communities', { cookie, body: { name: 'Lighthouse keepers', domain: 'Lights.', purpose: 'Share.', phase: 'grow' } })).json.id;
  const r = (await api('POST', `/api/v1/communities/${c}/rounds`, { cookie, body: {} })).json.id;
  const invite = (await api('POST', `/api/v1/communities/${c}/invites`, { cookie, body: {} })).json.token;
  const bank = await questionBank();
  for (const m of [0, 1, 2]) {
    const { token: t } = (await api('POST', `/api/v1/join/${invite}`)).json;
    const answers = bank.phases.flatMap((p) => p.questions.map((q, qi) => ({ question: q.id, now: (m + qi) % 3, target: 3 })));
    await api('PUT', `/api/v1/checkups/${t}/answers`, { body: { answers } });
  }
  await api('POST', `/api/v1/communities/${c}/rounds/${r}/close`, { cookie });
  return { cookie, path: `/communities/${c}/rounds/${r}/review/phases` };
}
const review = await meeting();

const pages = [
  ['home', '/'],
  ['guide phase', '/guide/phases/grow'],
  ['check-up phase', `/checkup/${token}/phase/design`, { private: true }],
  ['results', `/checkup/${token}/results`, { private: true }],
  ['review step', review.path, { private: true, cookie: review.cookie }],
];

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: CHROMIUM_ARGS,
  logLevel: 'silent',
});

let failed = false;
const rows = [];
try {
  for (const [name, path, options = {}] of pages) {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error' };
    if (options.cookie) flags.extraHeaders = { Cookie: options.cookie };
    const result = await lighthouse(url(path), flags, desktopConfig);
    const { lhr } = result;
    if (lhr.runtimeError) {
      console.error(`${name}: Lighthouse runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      failed = true;
      continue;
    }
    const scores = {};
    for (const id of CATEGORIES) scores[id] = Math.round((lhr.categories[id]?.score ?? 0) * 100);
    if (options.private) {
      // A private page must say noindex; SEO is then scored as if is-crawlable had passed.
      const crawlable = lhr.audits['is-crawlable'];
      if (crawlable?.score !== 0) {
        console.error(`${name}: a private page without noindex (is-crawlable passed)`);
        failed = true;
      }
      const refs = lhr.categories.seo.auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null);
      const total = refs.reduce((n, ref) => n + ref.weight, 0);
      const got = refs.reduce((n, ref) => n + ref.weight * (ref.id === 'is-crawlable' ? 1 : lhr.audits[ref.id].score), 0);
      scores.seo = Math.round((got / total) * 100);
    }
    rows.push({ name, path: path.replace(token, '<token>').replace(/\/communities\/\d+\/rounds\/\d+/, '/communities/<id>/rounds/<rid>'), ...scores });
    for (const id of CATEGORIES) {
      if (scores[id] >= THRESHOLDS[id]) continue;
      failed = true;
      // Name what costs points, so the fix is clear.
      const lost = lhr.categories[id].auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1 && !(options.private && audit.id === 'is-crawlable'))
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
