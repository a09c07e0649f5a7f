// What the browser tests visit: every page found by crawling from the home page, and every
// state of the check-up (made through the JSON API and the HTML forms, as a person would).
import assert from 'node:assert/strict';
import { baseURL } from './browser.mjs';

export const PHASES = ['define', 'design', 'grow', 'perform', 'transform'];

/** Absolute URL for a site path. */
export function url(path) {
  return baseURL() + path;
}

/**
 * Crawls every same-origin link reachable from `/` (HTML pages only; static files are
 * fetched but not parsed). Returns { pages: [{path, status, html}], broken: [{path, status, from}] }.
 */
export async function crawl({ start = ['/'], limit = 500 } = {}) {
  const base = baseURL();
  const origin = new URL(base).origin;
  const seen = new Map(start.map((p) => [p, '(start)']));
  const queue = [...start];
  const pages = [];
  const broken = [];
  while (queue.length) {
    const path = queue.shift();
    assert.ok(pages.length < limit, `crawl found more than ${limit} pages; is a link generating endless URLs?`);
    const res = await fetch(base + path, { redirect: 'manual' });
    const type = res.headers.get('content-type') || '';
    if (res.status !== 200) broken.push({ path, status: res.status, from: seen.get(path) });
    if (!type.startsWith('text/html')) {
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    pages.push({ path, status: res.status, html });
    for (const href of links(html)) {
      const u = new URL(href, base + path);
      if (u.origin !== origin) continue;
      const key = u.pathname + u.search;
      if (/^\/checkup\/[^/]+\/export\./.test(u.pathname)) continue; // downloads, tested in journeys
      if (!seen.has(key)) {
        seen.set(key, path);
        queue.push(key);
      }
    }
  }
  return { pages, broken };
}

function links(html) {
  const out = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const raw = m[1].replace(/&amp;/g, '&').replace(/#.*$/, '');
    if (raw && !raw.startsWith('mailto:') && !raw.startsWith('data:')) out.push(raw);
  }
  return out;
}

let crawlCache;
/** The crawl, done once per test process. */
export function crawledPages() {
  crawlCache ??= crawl();
  return crawlCache;
}

// ---------------------------------------------------------------- JSON API helpers

/**
 * One JSON API call: `body` is sent as JSON, `cookie` as the Cookie header; `redirect` as
 * fetch takes it. Returns the status, the parsed JSON (undefined when the body is not JSON),
 * the text and fetch's response.
 */
export async function request(method, path, { body, cookie, redirect = 'follow' } = {}) {
  const headers = {};
  // Every write says it is JSON, body or not: the server takes no other kind with a cookie.
  if (body !== undefined || ['POST', 'PUT', 'PATCH'].includes(method)) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  const res = await fetch(url(path), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, res };
}

function api(method, path, body) {
  return request(method, path, { body });
}

let bankCache;
/** The question bank: { version, scale, not_sure, phases: [{id, questions, prompts}] }. */
export async function questionBank() {
  bankCache ??= api('GET', '/api/v1/questions').then((r) => {
    assert.equal(r.status, 200, 'GET /api/v1/questions');
    return r.json;
  });
  return bankCache;
}

/** Starts a check-up through the API; returns its token. */
export async function createCheckup(name = '') {
  const r = await api('POST', '/api/v1/checkups', name ? { name } : {});
  assert.equal(r.status, 201, `POST /api/v1/checkups: ${r.text}`);
  return r.json.token;
}

/** The answer the test suite gives to question i of a phase: a spread of values and one "not sure". */
export function plannedAnswer(phaseIndex, questionIndex) {
  if (questionIndex === 3) return { now: 'na', target: 'na' };
  const now = (questionIndex + phaseIndex) % 4; // 0..3
  const target = Math.min(4, now + 1 + ((questionIndex + phaseIndex) % 2));
  return { now: String(now), target: String(target) };
}

/**
 * Answers every question of every phase through the HTML form (one POST per phase, as the
 * browser would send it), with a note on the first question and every reflection prompt filled.
 */
export async function answerEverythingByForm(token) {
  const bank = await questionBank();
  for (const [pi, phase] of bank.phases.entries()) {
    const body = new URLSearchParams();
    phase.questions.forEach((q, qi) => {
      const a = plannedAnswer(pi, qi);
      body.append(`now.${q.id}`, a.now);
      body.append(`target.${q.id}`, a.target);
      body.append(`note.${q.id}`, qi === 0 ? `A note on ${q.id}` : '');
    });
    for (const p of phase.prompts) body.append(`prompt.${p.id}`, `Reflection for ${p.id}`);
    body.append('go', 'stay');
    const res = await fetch(url(`/checkup/${token}/phase/${phase.id}`), {
      method: 'POST',
      body,
      redirect: 'manual',
    });
    await res.arrayBuffer();
    assert.equal(res.status, 303, `saving phase ${phase.id} by form`);
  }
}

/** Saves a plan through the API. */
export async function savePlan(token, plan) {
  const r = await api('PUT', `/api/v1/checkups/${token}/plan`, plan);
  assert.equal(r.status, 200, `PUT plan: ${r.text}`);
}

/** A filter combination on /guide/examples that matches nothing. */
export async function emptyExampleFilter() {
  const res = await fetch(url('/guide/examples'));
  const html = await res.text();
  const options = (name) => {
    const select = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
    assert.ok(select, `examples filter ${name}`);
    return [...select[1].matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
  };
  for (const sector of options('sector')) {
    for (const phase of options('phase')) {
      const path = `/guide/examples?sector=${sector}&phase=${phase}`;
      const page = await (await fetch(url(path))).text();
      if (page.includes('No examples match')) return { path, sector, phase };
    }
  }
  throw new Error('no combination of sector and phase filters gives an empty example list');
}

/**
 * Every state of the check-up that a GET shows, made fresh: returns [{name, path, status}].
 * Tokens: `empty` (nothing answered), `full` (all answered, plan still a draft),
 * `planned` (all answered, plan saved).
 */
export async function checkupStates() {
  const empty = await createCheckup('Nurse educators (just started)');
  const full = await createCheckup('Nurse educators');
  await answerEverythingByForm(full);
  const planned = await createCheckup('Field engineers');
  await answerEverythingByForm(planned);
  await savePlan(planned, {
    vision: 'A community every new engineer finds in their first week.',
    goals: 'Monthly sessions; ten active contributors.',
    strategies: 'Pair newcomers with a mentor.',
    items: [
      { what: 'Publish the calendar', owner: 'Ana', due: '2027-03-31', status: 'doing' },
      { what: 'Invite a sponsor', owner: 'Ben', due: '2027-05-01', status: 'todo' },
    ],
  });
  const filter = await emptyExampleFilter();
  const states = [
    { name: 'check-up start', path: '/checkup', status: 200 },
    { name: 'check-up start (focus on one phase)', path: '/checkup?focus=grow', status: 200 },
    { name: 'phase page (first visit)', path: `/checkup/${empty}/phase/define?started=1`, status: 200 },
    { name: 'phase page (nothing answered)', path: `/checkup/${empty}/phase/design`, status: 200 },
    { name: 'phase page (answered)', path: `/checkup/${full}/phase/grow`, status: 200 },
    { name: 'phase page (last phase, answered)', path: `/checkup/${full}/phase/transform`, status: 200 },
    { name: 'overview (empty)', path: `/checkup/${empty}`, status: 200 },
    { name: 'overview (full)', path: `/checkup/${full}`, status: 200 },
    { name: 'results (empty)', path: `/checkup/${empty}/results`, status: 200 },
    { name: 'results (full)', path: `/checkup/${full}/results`, status: 200 },
    { name: 'plan (empty check-up)', path: `/checkup/${empty}/plan`, status: 200 },
    { name: 'plan (draft)', path: `/checkup/${full}/plan`, status: 200 },
    { name: 'plan (saved)', path: `/checkup/${planned}/plan`, status: 200 },
    { name: 'print view (empty)', path: `/checkup/${empty}/print`, status: 200 },
    { name: 'print view (draft plan)', path: `/checkup/${full}/print`, status: 200 },
    { name: 'print view (saved plan)', path: `/checkup/${planned}/print`, status: 200 },
    { name: 'unknown check-up', path: `/checkup/${'A'.repeat(43)}/results`, status: 404 },
    { name: 'examples: empty filter', path: filter.path, status: 200 },
    { name: 'examples: unknown filter', path: '/guide/examples?sector=no-such-sector', status: 200 },
    { name: 'examples: filtered', path: '/guide/examples?phase=grow', status: 200 },
    { name: 'search help', path: '/search', status: 200 },
    { name: 'search results', path: '/search?q=newcomers', status: 200 },
    { name: 'search: nothing found', path: '/search?q=zzqxjv', status: 200 },
    { name: 'search error (too long)', path: `/search?q=${'a'.repeat(201)}`, status: 400 },
    { name: '404 page', path: '/no-such-page', status: 404 },
  ];
  return { tokens: { empty, full, planned }, states, filter };
}

/**
 * States reached by submitting a form with a mistake. Each has the form page to start from,
 * the fields to post, and the status expected back.
 */
export async function errorStates(tokens) {
  const bank = await questionBank();
  const define = bank.phases[0];
  const [q0, q1] = define.questions;
  const phaseFields = [
    [`now.${q0.id}`, '2'],
    [`target.${q0.id}`, '3'],
    [`note.${q0.id}`, 'Kept after the error'],
    [`now.${q1.id}`, '7'], // not on the scale
    [`target.${q1.id}`, '4'],
    [`note.${q1.id}`, ''],
    ['go', 'next'],
  ];
  const planFields = [
    ['vision', 'Kept after the error'],
    ['goals', ''],
    ['strategies', ''],
    ['item.0.what', 'Publish the calendar'],
    ['item.0.owner', 'Ana'],
    ['item.0.due', 'next week'], // not a date
    ['item.0.status', 'todo'],
    ['item.0.source', ''],
    ['item.1.what', ''],
    ['item.1.owner', 'Ben'], // an owner without an action
    ['item.1.due', ''],
    ['item.1.status', 'todo'],
    ['item.1.source', ''],
    ['go', 'save'],
  ];
  return [
    {
      name: 'phase page after a validation error',
      form: `/checkup/${tokens.empty}/phase/define`,
      fields: phaseFields,
      status: 422,
    },
    {
      name: 'plan after a validation error',
      form: `/checkup/${tokens.full}/plan`,
      fields: planFields,
      status: 422,
    },
    {
      name: 'check-up start with no phase chosen',
      form: '/checkup',
      fields: [['name', 'No phases']],
      status: 422,
    },
  ];
}

/** Posts an error state with fetch; returns { status, html }. */
export async function postState(state) {
  const res = await fetch(url(state.form), {
    method: 'POST',
    body: new URLSearchParams(state.fields),
    redirect: 'manual',
  });
  return { status: res.status, html: await res.text() };
}

/**
 * Shows an error state in a browser page: opens the form page, then submits a real form with
 * the state's fields (the page's own form with its values edited, as a person with dev tools
 * would). Returns the navigation's response.
 */
export async function showErrorState(page, state) {
  await page.goto(state.form);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.evaluate(({ action, fields }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = action;
      for (const [name, value] of fields) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    }, { action: state.form.replace(/\?.*$/, ''), fields: state.fields }),
  ]);
  return response;
}
