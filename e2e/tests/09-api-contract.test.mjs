// The JSON API against its contract, content/openapi.json (OpenAPI 3.1), over plain fetch (no
// browser). The document is read from the server (GET /api/v1/openapi.json), or from the file
// named by OPENAPI_FILE when that is set (for development, before the server serves it).
//
// A real journey goes through the API: a solo check-up (answers, reflections, results, plan,
// exports); two coordinators, sign-in, a community, rounds, invites, members joining and
// answering, team results, sponsor links, the community plan, trends, coordinators, the account
// export; signing out and deleting an account; and cheap errors (401, 403, 404, 409, 410, 413,
// 415, 422). EVERY response of an /api/v1/ route is checked against the document (lib/contract.mjs):
// the path and method must be documented, the status must be one documented for that operation,
// the media type one documented for that status, required headers present and valid, and the
// body valid against its schema (ajv, JSON Schema 2020-12). A request body that got a 2xx must
// also be valid against the documented request schema (so the document is not stricter than the
// server). A probe with OPTIONS on every documented path reads the router's Allow header, so a
// method routed there but not documented fails, and so does a documented one that is not routed.
// At the end every documented operation must have been exercised, except those in PENDING (only
// with OPENAPI_FILE, see there) and NOT_EXERCISED.
//
// Sign-in is slow (argon2) and throttled: a run makes two accounts, signs in twice and fails one
// sign-in (30 failures per address in 15 minutes throttle every sign-in from 127.0.0.1).
//
//   BASE_URL=http://127.0.0.1:PORT node --test e2e/tests/09-api-contract.test.mjs
//   BASE_URL=... OPENAPI_FILE=content/openapi.json node --test e2e/tests/09-api-contract.test.mjs
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { url } from '../lib/site.mjs';
import { Contract, SESSION, mediaType } from '../lib/contract.mjs';

const PASSWORD = 'a long enough test password';
// Emails differ on every run, so the file can also run against a server that keeps its database.
const run = Date.now().toString(36);
const email = (who) => `${who}.api.${run}@example.org`;
const A43 = 'A'.repeat(43); // a well-formed token that is nobody's

// Documented ahead of the server. With OPENAPI_FILE set (development), an operation here that
// the server does not route yet (the router's own 404 or 405) is reported and skipped; without
// OPENAPI_FILE the document comes from the server and every operation must exist.
const PENDING = new Map([
  ['GET /api/v1/openapi.json', 'about to be added (issue 12, item 5); until then the test reads OPENAPI_FILE'],
  ['PUT /api/v1/checkups/{token}/reflections', 'about to be added (issue 12, item 5)'],
]);
// Documented operations this test does not call, with the reason. (None: every one is called.)
const NOT_EXERCISED = new Map([]);

const devMode = Boolean(process.env.OPENAPI_FILE);
const notes = [];
let contract;
const api = (...args) => contract.call(...args);
const expect = (...args) => contract.expect(...args);

const sessionCookie = (res) => {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`));
  assert.ok(set, 'the answer sets the session cookie');
  return set.split(';')[0];
};

const detailFor = (json, pred) => (json?.details ?? []).some(pred);

// ---------------------------------------------------------------- the journey

const state = {};

describe('the JSON API matches content/openapi.json', () => {
  before(async () => {
    let text;
    if (devMode) {
      text = await readFile(process.env.OPENAPI_FILE, 'utf8');
    } else {
      const res = await fetch(url('/api/v1/openapi.json'));
      text = await res.text();
      assert.equal(res.status, 200, `GET /api/v1/openapi.json: ${text.slice(0, 200)}`);
    }
    contract = new Contract(text, { pending: PENDING, allowPending: devMode });
  });

  it('is an OpenAPI 3.1 document whose references all resolve', async () => {
    contract.checkDocument();
    // The error shape is shared.
    const error = contract.schemaAt(['components', 'schemas', 'Error']);
    assert.ok(error({ error: 'x', details: [{ message: 'm', field: 'f' }] }));
    assert.ok(!error({ message: 'x' }), 'Error needs "error"');

    // The server serves this document (or, in development, may not yet).
    const r = await api('GET', '/api/v1/openapi.json');
    if (r.pending) notes.push('GET /api/v1/openapi.json: not served yet; read OPENAPI_FILE');
    else if (devMode) assert.deepEqual(r.json, contract.doc, 'the server serves the same document as OPENAPI_FILE');
  });

  it('every documented path answers exactly the documented methods (OPTIONS probe, Allow header)', async () => {
    await contract.probeMethods();
  });

  it('answers outside the routes are JSON errors too', async () => {
    const error = ['components', 'schemas', 'Error'];
    const unknown = await fetch(url('/api/v1/no-such-route'));
    assert.equal(unknown.status, 404);
    assert.equal(mediaType(unknown.headers.get('content-type')), 'application/json');
    contract.validate(error, await unknown.json(), 'GET /api/v1/no-such-route');
    const wrong = await fetch(url('/api/v1/questions'), { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, HEAD');
    contract.validate(error, await wrong.json(), 'DELETE /api/v1/questions');
  });

  it('a solo check-up: create, answers, reflections, results, plan, exports', async () => {
    const bank = await expect(200, 'GET', '/api/v1/questions');
    state.bank = bank;
    const [define, design, , , transform] = bank.phases;

    // Create: without a body, and with a name and phases (kept in phase order).
    const plain = await expect(201, 'POST', '/api/v1/checkups', { full: true });
    assert.equal(plain.res.headers.get('location'), `/api/v1/checkups/${plain.json.token}`);
    const { token } = await expect(201, 'POST', '/api/v1/checkups', { body: { name: 'API contract club', phases: ['design', 'define'] } });
    state.solo = token;
    await expect(201, 'POST', '/api/v1/checkups', { body: {} });
    const bad = await expect(422, 'POST', '/api/v1/checkups', { body: { name: 5 } });
    assert.ok(detailFor(bad, (d) => d.field === 'name'), 'the 422 names the field');
    await expect(422, 'POST', '/api/v1/checkups', { body: { phases: ['nonsense'] } });
    await expect(422, 'POST', '/api/v1/checkups', { body: { phases: [] } });
    await expect(422, 'POST', '/api/v1/checkups', { body: { name: 'x'.repeat(201) } });
    await expect(422, 'POST', '/api/v1/checkups', { raw: '{nope', type: 'application/json' });
    await expect(422, 'POST', '/api/v1/checkups', { raw: '[1]', type: 'application/json' });
    await expect(415, 'POST', '/api/v1/checkups', { raw: 'name=x', type: 'text/plain' });
    await expect(413, 'POST', '/api/v1/checkups', { raw: JSON.stringify({ name: 'x'.repeat(17 * 1024) }), type: 'application/json', retryReset: true });

    let got = await expect(200, 'GET', `/api/v1/checkups/${token}`);
    assert.equal(got.name, 'API contract club');
    assert.deepEqual(got.phases, ['define', 'design']);
    assert.deepEqual(got.answers, []);
    await expect(404, 'GET', `/api/v1/checkups/${A43}`);
    await expect(404, 'GET', '/api/v1/checkups/short');

    // Answers: all or nothing.
    const answers = [...define.questions, ...design.questions].map((q, i) => ({
      question: q.id, now: i % 5, target: i % 3 === 0 ? null : 4, note: i === 0 ? 'A note from the contract test' : '',
    }));
    const saved = await expect(200, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers } });
    assert.equal(saved.saved, answers.length);
    await expect(200, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers: [{ question: define.questions[1].id, now: 2 }] } });
    const invalid = await expect(422, 'PUT', `/api/v1/checkups/${token}/answers`, {
      body: { answers: [{ question: define.questions[0].id, now: 7, target: 1 }, { question: transform.questions[0].id, now: 1, target: 2 }] },
    });
    assert.ok(detailFor(invalid, (d) => d.question === define.questions[0].id && d.field === 'now'), 'names the bad value');
    assert.ok(detailFor(invalid, (d) => d.question === transform.questions[0].id), 'names the question of an excluded phase');
    await expect(422, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answer: [] } });
    await expect(422, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers: [{ question: define.questions[0].id, note: 'x'.repeat(4001) }] } });
    await expect(415, 'PUT', `/api/v1/checkups/${token}/answers`, { raw: '{"answers": []}', type: 'text/plain' });
    await expect(404, 'PUT', `/api/v1/checkups/${A43}/answers`, { body: { answers: [] } });

    // Reflections (about to be added): all or nothing, 8000 characters, prompts of included phases.
    const reflections = [{ prompt: define.prompts[0].id, text: 'Where we want to be in a year.' }, { prompt: design.prompts[0].id, text: '' }];
    const r = await expect(200, 'PUT', `/api/v1/checkups/${token}/reflections`, { body: { reflections }, full: true });
    state.reflectionsRouted = !r.pending;
    if (!r.pending) {
      assert.equal(r.json.saved, 2);
      await expect(422, 'PUT', `/api/v1/checkups/${token}/reflections`, { body: { reflections: [{ prompt: 'no-such-prompt', text: 'x' }] } });
      await expect(422, 'PUT', `/api/v1/checkups/${token}/reflections`, { body: { reflections: [{ prompt: define.prompts[0].id, text: 'x'.repeat(8001) }] } });
      await expect(422, 'PUT', `/api/v1/checkups/${token}/reflections`, { body: { reflections: [{ prompt: transform.prompts[0].id, text: 'x' }] } });
      await expect(422, 'PUT', `/api/v1/checkups/${token}/reflections`, { body: { reflections: 'all' } });
      await expect(415, 'PUT', `/api/v1/checkups/${token}/reflections`, { raw: '{"reflections": []}', type: 'text/plain' });
      await expect(404, 'PUT', `/api/v1/checkups/${A43}/reflections`, { body: { reflections: [] } });
    }

    got = await expect(200, 'GET', `/api/v1/checkups/${token}`);
    assert.equal(got.answers.length, answers.length, 'the rejected requests saved nothing');
    if (state.reflectionsRouted) {
      assert.ok(got.reflections.some((x) => x.prompt === define.prompts[0].id && x.text === reflections[0].text), 'the reflection is saved');
    }

    // Results and plan.
    const results = await expect(200, 'GET', `/api/v1/checkups/${token}/results`);
    assert.deepEqual(results.included, ['define', 'design']);
    assert.equal(typeof results.overall.now, 'number');
    const nothing = await expect(200, 'GET', `/api/v1/checkups/${plain.json.token}/results`);
    assert.equal(nothing.overall.now, null, 'nothing answered: null, not 0');
    await expect(404, 'GET', `/api/v1/checkups/${A43}/results`);
    const draft = await expect(200, 'GET', `/api/v1/checkups/${token}/plan`);
    assert.equal(draft.draft, true);
    const plan = {
      vision: 'A network every newcomer finds.', goals: 'Two meetings a month.', strategies: 'Pair newcomers with old hands.',
      items: [{ what: 'Book the room', owner: 'Sam', due: '2027-02-28', status: 'doing' }, { what: 'Draft the charter', owner: '', due: '', status: 'todo' }],
    };
    const put = await expect(200, 'PUT', `/api/v1/checkups/${token}/plan`, { body: plan });
    assert.equal(put.draft, false);
    await expect(422, 'PUT', `/api/v1/checkups/${token}/plan`, { body: { items: [{ what: 'a', status: 'someday' }] } });
    await expect(422, 'PUT', `/api/v1/checkups/${token}/plan`, { body: { items: [{ what: 'a', due: '31.12.2027' }] } });
    await expect(415, 'PUT', `/api/v1/checkups/${token}/plan`, { raw: '{}', type: 'text/plain' });
    await expect(404, 'PUT', `/api/v1/checkups/${A43}/plan`, { body: plan });
    await expect(404, 'GET', `/api/v1/checkups/${A43}/plan`);
    const read = await expect(200, 'GET', `/api/v1/checkups/${token}/plan`);
    assert.equal(read.vision, plan.vision);
    assert.deepEqual(read.items.map((i) => i.status), ['doing', 'todo']);

    // The exports (HTML routes, not part of the API document): they download what the API saved.
    for (const [ext, type] of [['json', 'application/json'], ['csv', 'text/csv'], ['md', 'text/markdown']]) {
      const res = await fetch(url(`/checkup/${token}/export.${ext}`));
      const text = await res.text();
      assert.equal(res.status, 200, `export.${ext}`);
      assert.equal(mediaType(res.headers.get('content-type')), type, `export.${ext} type`);
      assert.ok(text.includes('Book the room'), `export.${ext} holds the saved plan`);
    }
  });

  it('coordinators: sign up, sign in, the account', async () => {
    const wrong = await expect(422, 'POST', '/api/v1/accounts', { body: { email: 'not-an-email', password: 'short', name: '' } });
    assert.deepEqual(new Set(wrong.details.map((d) => d.field)), new Set(['email', 'password', 'name']));
    await expect(415, 'POST', '/api/v1/accounts', { raw: 'email=x', type: 'text/plain' });
    const ana = await expect(202, 'POST', '/api/v1/accounts', { body: { email: email('ana'), password: PASSWORD, name: 'Ana Souza' }, full: true });
    assert.equal(ana.res.headers.get('location'), '/api/v1/session');
    // A taken email gets the very same answer (sign-up tells nothing about who has an account).
    const again = await expect(202, 'POST', '/api/v1/accounts', { body: { email: email('ana').toUpperCase(), password: PASSWORD, name: 'Ana again' }, full: true });
    assert.equal(again.json.message, ana.json.message);
    await expect(202, 'POST', '/api/v1/accounts', { body: { email: email('bob'), password: PASSWORD, name: 'Bob Okafor' } });
    const bobIn = await expect(200, 'POST', '/api/v1/session', { body: { email: email('bob'), password: PASSWORD }, full: true });
    state.bob = sessionCookie(bobIn.res);
    state.bobUser = bobIn.json.user;

    await expect(401, 'POST', '/api/v1/session', { body: { email: email('ana'), password: 'not the right password' } });
    await expect(422, 'POST', '/api/v1/session', { raw: '[]', type: 'application/json' });
    await expect(415, 'POST', '/api/v1/session', { raw: 'email=x', type: 'text/plain' });
    const signed = await expect(200, 'POST', '/api/v1/session', { body: { email: email('ana'), password: PASSWORD }, full: true });
    state.ana = sessionCookie(signed.res);
    state.anaUser = signed.json.user;
    const me = await expect(200, 'GET', '/api/v1/account', { cookie: state.ana });
    assert.equal(me.email, email('ana'));
    await expect(401, 'GET', '/api/v1/account');
    await expect(401, 'GET', '/api/v1/account', { cookie: `${SESSION}=${A43}` });
    await expect(401, 'GET', '/api/v1/account/export');
  });

  it('a community: create, read, change; rounds, invites, members, team results, sponsors, plan, trends', async () => {
    const cookie = state.ana;
    const define = state.bank.phases[0];
    const list = await expect(200, 'GET', '/api/v1/communities', { cookie });
    assert.deepEqual(list.communities, []);
    await expect(401, 'GET', '/api/v1/communities');
    await expect(401, 'POST', '/api/v1/communities', { body: { name: 'Nobody' } });
    const invalid = await expect(422, 'POST', '/api/v1/communities', { cookie, body: { name: ' ', phase: 'bloom' } });
    assert.equal(invalid.details.length, 2);
    await expect(415, 'POST', '/api/v1/communities', { cookie, raw: 'name=x', type: 'text/plain' });
    const made = await expect(201, 'POST', '/api/v1/communities', {
      cookie, full: true,
      body: { name: 'Data stewards', domain: 'Research data across the university.', purpose: 'Share what works.', phase: 'grow' },
    });
    const id = made.json.id;
    assert.equal(made.res.headers.get('location'), `/api/v1/communities/${id}`);
    const C = `/api/v1/communities/${id}`;
    state.community = C;

    let community = await expect(200, 'GET', C, { cookie });
    assert.equal(community.phase, 'grow');
    assert.equal(community.coordinators.length, 1);
    await expect(404, 'GET', '/api/v1/communities/999999999', { cookie });
    await expect(404, 'GET', '/api/v1/communities/abc', { cookie });
    await expect(401, 'GET', C);
    const patched = await expect(200, 'PATCH', C, { cookie, body: { purpose: 'Fewer lost datasets.', phase: null } });
    assert.equal(patched.phase, null);
    assert.equal(patched.name, 'Data stewards', 'fields not sent are kept');
    await expect(422, 'PATCH', C, { cookie, body: { name: '' } });
    await expect(415, 'PATCH', C, { cookie, raw: 'name=x', type: 'text/plain' });
    await expect(401, 'PATCH', C, { body: { name: 'taken over' } });
    await expect(404, 'PATCH', '/api/v1/communities/999999999', { cookie, body: { name: 'x' } });

    // Rounds and invites.
    await expect(409, 'POST', `${C}/invites`, { cookie, body: {} });
    await expect(422, 'POST', `${C}/rounds`, { cookie, body: { closes_at: '2020-01-01' } });
    await expect(422, 'POST', `${C}/rounds`, { cookie, body: { closes_at: '2027-02-30' } });
    await expect(415, 'POST', `${C}/rounds`, { cookie, raw: 'title=x', type: 'text/plain' });
    await expect(413, 'POST', `${C}/rounds`, { cookie, body: { title: 'x'.repeat(9 * 1024) }, retryReset: true });
    const closes = `${new Date().getUTCFullYear() + 1}-03-31`;
    const opened = await expect(201, 'POST', `${C}/rounds`, { cookie, body: { title: 'Review one', closes_at: closes }, full: true });
    const r1 = opened.json.id;
    assert.equal(opened.res.headers.get('location'), `${C}/rounds/${r1}`);
    await expect(409, 'POST', `${C}/rounds`, { cookie });
    await expect(401, 'POST', `${C}/rounds`, { body: {} });
    await expect(404, 'POST', '/api/v1/communities/999999999/rounds', { cookie });
    const round = await expect(200, 'GET', `${C}/rounds/${r1}`, { cookie });
    assert.equal(round.open, true);
    assert.equal(round.title, 'Review one');
    await expect(404, 'GET', `${C}/rounds/999999999`, { cookie });
    await expect(401, 'GET', `${C}/rounds/${r1}`);

    await expect(422, 'POST', `${C}/invites`, { cookie, body: { days: 0 } });
    await expect(422, 'POST', `${C}/invites`, { cookie, body: { days: 'soon' } });
    await expect(422, 'POST', `${C}/invites`, { cookie, body: { max_uses: 0 } });
    await expect(422, 'POST', `${C}/invites`, { cookie, body: { max_uses: 1001 } });
    await expect(415, 'POST', `${C}/invites`, { cookie, raw: 'days=3', type: 'application/x-www-form-urlencoded' });
    await expect(401, 'POST', `${C}/invites`, { body: {} });
    await expect(404, 'POST', '/api/v1/communities/999999999/invites', { cookie, body: {} });
    const invite = await expect(201, 'POST', `${C}/invites`, { cookie });
    assert.equal(invite.round_id, r1);
    const withdrawn = await expect(201, 'POST', `${C}/invites`, { cookie, body: { days: 2 } });
    await expect(204, 'DELETE', `${C}/invites/${withdrawn.id}`, { cookie });
    await expect(204, 'DELETE', `${C}/invites/${withdrawn.id}`, { cookie });
    await expect(404, 'DELETE', `${C}/invites/999999999`, { cookie });
    await expect(401, 'DELETE', `${C}/invites/${withdrawn.id}`);
    await expect(410, 'POST', `/api/v1/join/${withdrawn.token}`);
    await expect(404, 'POST', `/api/v1/join/${A43}`);
    await expect(404, 'POST', '/api/v1/join/not-a-token');

    // Members join and answer with the solo routes on their personal link.
    const join = async (inviteToken, m) => {
      const joined = await expect(201, 'POST', `/api/v1/join/${inviteToken}`, { full: true });
      const { token } = joined.json;
      assert.equal(joined.res.headers.get('location'), `/api/v1/checkups/${token}`);
      const answers = define.questions.map((q, qi) => ({ question: q.id, now: (m + qi) % 5, target: 4, note: qi === 0 ? `Member note ${m}` : '' }));
      await expect(200, 'PUT', `/api/v1/checkups/${token}/answers`, { body: { answers } });
      return token;
    };
    const members = [await join(invite.token, 0), await join(invite.token, 1)];
    const mine = await expect(200, 'GET', `/api/v1/checkups/${members[0]}`);
    assert.equal(mine.phases.length, 5, 'a team round covers every phase');
    await expect(200, 'GET', `/api/v1/checkups/${members[0]}/results`);
    const results = `${C}/rounds/${r1}/results`;
    members.push(await join(invite.token, 2));
    // While the round is open: counts only, to coordinators and sponsors alike.
    const counts = await expect(200, 'GET', results, { cookie });
    assert.deepEqual(counts, { open: true, hidden: true, joined: 3, responses: 3, coordinators: 0, threshold: 3, min_detail: 5 });
    const one = await expect(201, 'POST', `${C}/invites`, { cookie, body: { max_uses: 1 } });
    assert.equal(one.max_uses, 1);
    await join(one.token, 6);
    await expect(410, 'POST', `/api/v1/join/${one.token}`);
    await expect(404, 'GET', `${C}/rounds/999999999/results`, { cookie });
    await expect(401, 'GET', results);
    community = await expect(200, 'GET', C, { cookie });
    assert.equal(community.invites.find((i) => i.id === invite.id).uses, 3);
    assert.equal(community.invites.find((i) => i.id === one.id).full, true);

    // Sponsor links.
    await expect(422, 'POST', `${C}/sponsors`, { cookie, body: { label: 'x'.repeat(201) } });
    await expect(422, 'POST', `${C}/sponsors`, { cookie, body: { label: 5 } });
    await expect(401, 'POST', `${C}/sponsors`, { body: {} });
    await expect(404, 'POST', '/api/v1/communities/999999999/sponsors', { cookie, body: {} });
    await expect(415, 'POST', `${C}/sponsors`, { cookie, raw: 'label=x', type: 'text/plain' });
    const sponsor = await expect(201, 'POST', `${C}/sponsors`, { cookie, body: { label: 'Head of research' } });
    const view = await expect(200, 'GET', `/api/v1/sponsor/${sponsor.token}`);
    assert.equal(view.community.name, 'Data stewards');
    assert.equal(view.results, null, 'an open round is never shown to a sponsor');
    assert.equal(view.plan, null, 'no plan saved yet');
    await expect(204, 'DELETE', `${C}/sponsors/${sponsor.id}`, { cookie });
    await expect(404, 'GET', `/api/v1/sponsor/${sponsor.token}`);
    await expect(404, 'DELETE', `${C}/sponsors/999999999`, { cookie });
    await expect(401, 'DELETE', `${C}/sponsors/${sponsor.id}`);
    const unused = await expect(201, 'POST', `${C}/sponsors`, { cookie });
    const empty = await expect(200, 'GET', `/api/v1/sponsor/${unused.token}`);
    assert.equal(empty.community.name, 'Data stewards');

    // Closing the round: results appear; answers become final, the invite stops working.
    assert.equal((await expect(200, 'GET', `${C}/plan`, { cookie })).items.length, 0, 'nothing drafted from an open round');
    const closed = await expect(200, 'POST', `${C}/rounds/${r1}/close`, { cookie });
    assert.equal(closed.open, false);
    assert.equal(closed.responses, 4);
    const shown = await expect(200, 'GET', results, { cookie, full: true });
    assert.equal(shown.json.hidden, false);
    assert.equal(shown.json.open, false);
    assert.equal(shown.json.responses, 4);
    assert.equal(shown.json.detailed, false, 'four members: below the detail threshold');
    assert.ok(shown.json.notes.length > 0, 'notes are shown');
    await expect(304, 'GET', results, { cookie, headers: { 'if-none-match': shown.res.headers.get('etag') } });
    assert.equal((await expect(200, 'GET', `/api/v1/sponsor/${unused.token}`)).results.responses, 4);

    // The community plan: a draft from the team results, then saved.
    const draft = await expect(200, 'GET', `${C}/plan`, { cookie });
    assert.equal(draft.draft, true);
    assert.ok(draft.items.length > 0, 'the draft suggests actions');
    draft.items[0].status = 'doing';
    const saved = await expect(200, 'PUT', `${C}/plan`, { cookie, body: draft });
    assert.equal(saved.draft, false);
    assert.equal(saved.items[0].status, 'doing');
    await expect(422, 'PUT', `${C}/plan`, { cookie, body: { items: [{ what: '', owner: 'Ana' }] } });
    await expect(415, 'PUT', `${C}/plan`, { cookie, raw: '{}', type: 'text/plain' });
    await expect(401, 'PUT', `${C}/plan`, { body: { vision: 'x' } });
    await expect(401, 'GET', `${C}/plan`);
    await expect(404, 'GET', '/api/v1/communities/999999999/plan', { cookie });
    await expect(404, 'PUT', '/api/v1/communities/999999999/plan', { cookie, body: {} });
    const withPlan = await expect(200, 'GET', `/api/v1/sponsor/${unused.token}`);
    assert.equal(withPlan.plan.items[0].status, 'doing');

    await expect(409, 'POST', `${C}/rounds/${r1}/close`, { cookie });
    await expect(404, 'POST', `${C}/rounds/999999999/close`, { cookie });
    await expect(401, 'POST', `${C}/rounds/${r1}/close`);
    await expect(409, 'PUT', `/api/v1/checkups/${members[0]}/answers`, { body: { answers: [{ question: define.questions[0].id, now: 0, target: 0 }] } });
    if (state.reflectionsRouted) {
      await expect(409, 'PUT', `/api/v1/checkups/${members[0]}/reflections`, { body: { reflections: [{ prompt: define.prompts[0].id, text: 'late' }] } });
    }
    await expect(410, 'POST', `/api/v1/join/${invite.token}`);

    // A second round and trends: hidden below the threshold, then shown.
    const r2 = (await expect(201, 'POST', `${C}/rounds`, { cookie, body: {} })).id;
    const invite2 = await expect(201, 'POST', `${C}/invites`, { cookie, body: { days: 7 } });
    const trends = `${C}/trends?from=${r1}&to=${r2}`;
    const hiddenTrends = await expect(200, 'GET', trends, { cookie });
    assert.equal(hiddenTrends.hidden, true);
    for (const m of [3, 4, 5]) await join(invite2.token, m);
    assert.equal((await expect(200, 'GET', trends, { cookie })).hidden, true, 'the second round is open');
    await expect(200, 'POST', `${C}/rounds/${r2}/close`, { cookie });
    const shownTrends = await expect(200, 'GET', trends, { cookie });
    assert.equal(shownTrends.hidden, false);
    assert.equal(shownTrends.phases.length, 5);
    await expect(404, 'GET', `${C}/trends?from=${r1}`, { cookie });
    await expect(404, 'GET', `${C}/trends?from=${r1}&to=999999999`, { cookie });
    await expect(401, 'GET', trends);

    // Coordinators.
    await expect(422, 'POST', `${C}/coordinators`, { cookie, body: { email: 'not an email' } });
    const nobody = await expect(202, 'POST', `${C}/coordinators`, { cookie, body: { email: 'nobody@example.org' } });
    await expect(415, 'POST', `${C}/coordinators`, { cookie, raw: 'email=x', type: 'text/plain' });
    await expect(401, 'POST', `${C}/coordinators`, { body: { email: email('bob') } });
    await expect(404, 'POST', '/api/v1/communities/999999999/coordinators', { cookie, body: { email: email('bob') } });
    const invited = await expect(202, 'POST', `${C}/coordinators`, { cookie, body: { email: email('bob').toUpperCase() } });
    assert.deepEqual(Object.keys(invited), Object.keys(nobody), 'the same answer with or without an account');
    const waiting = await expect(200, 'GET', '/api/v1/account/invitations', { cookie: state.bob });
    assert.equal(waiting.invitations.length, 1);
    await expect(404, 'POST', `/api/v1/account/invitations/${waiting.invitations[0].id}/accept`, { cookie });
    await expect(401, 'GET', '/api/v1/account/invitations');
    await expect(204, 'POST', `/api/v1/account/invitations/${waiting.invitations[0].id}/accept`, { cookie: state.bob });
    await expect(404, 'DELETE', `/api/v1/account/invitations/${waiting.invitations[0].id}`, { cookie: state.bob });
    const bob = state.bobUser;
    await expect(204, 'DELETE', `${C}/coordinators/${bob.id}`, { cookie });
    await expect(404, 'DELETE', `${C}/coordinators/${bob.id}`, { cookie });
    await expect(404, 'DELETE', `${C}/coordinators/abc`, { cookie });
    await expect(409, 'DELETE', `${C}/coordinators/${state.anaUser.id}`, { cookie });
    await expect(401, 'DELETE', `${C}/coordinators/${state.anaUser.id}`);

    // The account export holds the community.
    const data = await expect(200, 'GET', '/api/v1/account/export', { cookie });
    assert.equal(data.account.email, email('ana'));
    const exported = data.communities.find((c) => c.id === id);
    assert.equal(exported.rounds.length, 2);
    assert.ok(!JSON.stringify(data).includes(invite.token), 'no tokens in the export');

    // Deleting a community.
    const throwaway = (await expect(201, 'POST', '/api/v1/communities', { cookie, body: { name: 'Short-lived' } })).id;
    await expect(401, 'DELETE', `/api/v1/communities/${throwaway}`);
    await expect(204, 'DELETE', `/api/v1/communities/${throwaway}`, { cookie });
    await expect(404, 'GET', `/api/v1/communities/${throwaway}`, { cookie });
    await expect(404, 'DELETE', `/api/v1/communities/${throwaway}`, { cookie });
    const after = await expect(200, 'GET', '/api/v1/communities', { cookie });
    assert.deepEqual(after.communities.map((c) => c.id), [id]);
  });

  it('value creation: stories (a check-up\'s and a community\'s), indicators, the matrix, the ask', async () => {
    const C = state.community;
    const cookie = state.ana;
    assert.ok(C && state.solo && cookie, 'the check-up and community of the tests before');
    const S = `/api/v1/checkups/${state.solo}/stories`;
    const body = { title: 'A checklist', happened: 'We met', immediate: 'Useful', potential: '', applied: 'Used it', realized: '', reframing: '', share: 'sponsor', named: false };
    await expect(200, 'GET', S);
    const told = await expect(201, 'POST', S, { body });
    assert.deepEqual(told.cycles, ['immediate', 'applied']);
    await expect(200, 'GET', `${S}/${told.id}`);
    await expect(200, 'PUT', `${S}/${told.id}`, { body: { ...body, share: 'coordinators' } });
    await expect(422, 'POST', S, { body: { title: '', happened: '' } });
    await expect(422, 'POST', S, { body: { title: 'x', happened: 'y', named: 'yes' } });
    await expect(415, 'POST', S, { raw: 'title=x', type: 'text/plain' });
    await expect(404, 'GET', `/api/v1/checkups/${A43}/stories`);
    await expect(404, 'PUT', `${S}/999999999`, { body });
    await expect(204, 'DELETE', `${S}/${told.id}`);
    await expect(404, 'DELETE', `${S}/${told.id}`);

    const CS = `${C}/stories`;
    await expect(401, 'GET', CS);
    const mine = await expect(201, 'POST', CS, { cookie, body: { ...body, named: true, author: 'Ana' } });
    await expect(200, 'GET', CS, { cookie });
    await expect(200, 'PUT', `${CS}/${mine.id}`, { cookie, body: { ...body, title: 'Edited' } });
    await expect(404, 'PUT', `${CS}/999999999`, { cookie, body });
    await expect(204, 'DELETE', `${CS}/${mine.id}`, { cookie });
    await expect(404, 'DELETE', `${CS}/${mine.id}`, { cookie });

    const I = `${C}/indicators`;
    const made = await expect(201, 'POST', I, { cookie, body: { name: 'Meetings held', value: 4, cycle: 'immediate', period: '2027', note: 'calendar' } });
    await expect(422, 'POST', I, { cookie, body: { name: '', value: 'x', cycle: 'no', period: '27' } });
    await expect(200, 'GET', I, { cookie });
    const matrix = await expect(200, 'GET', `${C}/value`, { cookie });
    assert.equal(matrix.cycles.length, 5);
    await expect(200, 'GET', `${C}/value?year=2027`, { cookie });
    await expect(404, 'GET', `${C}/value?year=x`, { cookie });
    await expect(200, 'PUT', `${C}/ask`, { cookie, body: { ask: 'An hour a month' } });
    await expect(401, 'PUT', `${C}/ask`, { body: { ask: 'x' } });
    await expect(204, 'DELETE', `${I}/${made.id}`, { cookie });
    await expect(404, 'DELETE', `${I}/${made.id}`, { cookie });
  });

  it("a body over the route's limit answers 413 (before any handler runs)", async () => {
    const C = state.community;
    assert.ok(C && state.solo && state.ana, 'the check-up and community of the tests before');
    const over = (kib) => JSON.stringify({ vision: 'x'.repeat(kib * 1024) });
    for (const [method, path, kib] of [
      ['PUT', `/api/v1/checkups/${state.solo}/answers`, 513],
      ['PUT', `/api/v1/checkups/${state.solo}/reflections`, 513],
      ['PUT', `/api/v1/checkups/${state.solo}/plan`, 513],
      ['POST', '/api/v1/accounts', 9],
      ['POST', '/api/v1/session', 9],
      ['DELETE', '/api/v1/account', 9],
      ['POST', '/api/v1/communities', 33],
      ['PATCH', C, 33],
      ['POST', `${C}/invites`, 5],
      ['PUT', `${C}/plan`, 513],
      ['POST', `${C}/sponsors`, 5],
      ['POST', `${C}/coordinators`, 5],
    ]) {
      const r = await api(method, path, { raw: over(kib), type: 'application/json', cookie: state.ana, retryReset: true });
      if (!r.pending) assert.equal(r.status, 413, `${method} ${path} with ${kib} KiB`);
    }
  });

  it('signing out, and deleting an account', async () => {
    const out = await expect(204, 'DELETE', '/api/v1/session', { cookie: state.ana, full: true });
    assert.match(out.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)), /Max-Age=0/);
    await expect(401, 'GET', '/api/v1/account', { cookie: state.ana });
    await expect(204, 'DELETE', '/api/v1/session');

    const signed = await expect(200, 'POST', '/api/v1/session', { body: { email: email('bob'), password: PASSWORD }, full: true });
    const bob = sessionCookie(signed.res);
    await expect(401, 'DELETE', '/api/v1/account', { body: { password: PASSWORD } });
    await expect(415, 'DELETE', '/api/v1/account', { cookie: bob });
    await expect(422, 'DELETE', '/api/v1/account', { cookie: bob, raw: 'nope', type: 'application/json' });
    await expect(403, 'DELETE', '/api/v1/account', { cookie: bob, body: { password: 'not the right password' } });
    await expect(200, 'GET', '/api/v1/account', { cookie: bob });
    const gone = await expect(204, 'DELETE', '/api/v1/account', { cookie: bob, body: { password: PASSWORD }, full: true });
    assert.match(gone.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)), /Max-Age=0/);
    await expect(401, 'GET', '/api/v1/account', { cookie: bob });
  });

  it('every documented operation was exercised', (t) => {
    const { unexercised, unseen } = contract.coverage(NOT_EXERCISED);
    for (const [key, why] of NOT_EXERCISED) t.diagnostic(`not exercised: ${key}: ${why}`);
    for (const [key, status] of contract.missing) t.diagnostic(`pending: ${key} is not routed yet (${status}): ${PENDING.get(key)}`);
    for (const n of notes) t.diagnostic(n);
    if (contract.resets) t.diagnostic(`connections reset before a 413 could be read, retried: ${contract.resets}`);
    for (const s of unseen) t.diagnostic(`documented, not produced here: ${s}`);
    assert.deepEqual(unexercised, [], 'documented operations the test never reached');
  });
});
