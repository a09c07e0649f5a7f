// The JSON API's contract (content/openapi.json, OpenAPI 3.1) as a checker for real responses:
// a Contract validates every response of an /api/v1/ route against the document (ajv, JSON
// Schema 2020-12) and remembers which operations and statuses were seen. Used by
// tests/09-api-contract.test.mjs.
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { url } from './site.mjs';

export const SESSION = '__Host-cultivate-session';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const SPEC_ID = 'https://cultivate.invalid/openapi.json';

const escapePointer = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const fragment = (segments) => '#/' + segments.map((s) => encodeURIComponent(escapePointer(String(s)))).join('/');
export const mediaType = (header) => (header ?? '').split(';')[0].trim().toLowerCase();

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True for the router's own answer to a path or method it does not know. */
function routerMiss(status, json) {
  return (status === 404 && json?.error === 'not found') || (status === 405 && json?.error === 'method not allowed');
}

export class Contract {
  /**
   * `text`: the document. `pending`: operation keys ("GET /api/v1/...") documented ahead of
   * the server; when `allowPending`, such an operation that the server does not route yet is
   * recorded in `missing` instead of failing.
   */
  constructor(text, { pending = new Map(), allowPending = false } = {}) {
    this.doc = JSON.parse(text);
    this.pending = pending;
    this.allowPending = allowPending;
    this.exercised = new Map(); // key -> Set of statuses seen
    this.missing = new Map(); // pending key -> the status the server answered
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema(this.doc, SPEC_ID);
    this.operations = [];
    for (const [template, item] of Object.entries(this.doc.paths ?? {})) {
      for (const method of METHODS) {
        if (!item[method]) continue;
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const regex = new RegExp('^' + template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$');
        this.operations.push({ key: `${method.toUpperCase()} ${template}`, method, template, regex, params, op: item[method] });
      }
    }
  }

  /** Follows local $refs (#/...); returns [object, its pointer segments]. */
  deref(node, segments) {
    let hops = 0;
    while (node && node.$ref) {
      assert.ok(node.$ref.startsWith('#/'), `only local $refs: ${node.$ref}`);
      segments = node.$ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      node = segments.reduce((n, s) => n?.[s], this.doc);
      assert.ok(node, `$ref #/${segments.join('/')} resolves`);
      assert.ok(++hops < 10, 'no $ref loop');
    }
    return [node, segments];
  }

  /** The compiled schema at a pointer into the document. */
  schemaAt(segments) {
    const validate = this.ajv.getSchema(SPEC_ID + fragment(segments));
    assert.ok(validate, `ajv compiles ${fragment(segments)}`);
    return validate;
  }

  validate(segments, value, what) {
    const validate = this.schemaAt(segments);
    if (validate(value)) return;
    const errors = validate.errors.slice(0, 8).map((e) => `  ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
    assert.fail(`${what}: does not match the documented schema:\n${errors.join('\n')}\nvalue: ${JSON.stringify(value).slice(0, 600)}`);
  }

  /** The documented operation for a method and a path (no query); literal segments win. */
  find(method, path) {
    return this.operations
      .filter((o) => o.method === method.toLowerCase() && o.regex.test(path))
      .sort((a, b) => a.params - b.params)[0];
  }

  /** Structure: 3.1, unique operationIds, declared path parameters, every $ref and schema. */
  checkDocument() {
    const { doc } = this;
    assert.match(doc.openapi ?? '', /^3\.1\.\d+$/, 'openapi: 3.1.x');
    assert.ok(doc.info?.title && doc.info?.version, 'info.title and info.version');
    assert.ok(this.operations.length > 0, 'it documents operations');
    const ids = new Set();
    for (const { key, template, op } of this.operations) {
      assert.ok(template.startsWith('/api/v1/'), `${key}: under /api/v1/`);
      assert.ok(op.operationId && !ids.has(op.operationId), `${key}: a unique operationId`);
      ids.add(op.operationId);
      assert.ok(Object.keys(op.responses ?? {}).length > 0, `${key}: responses`);
      const declared = new Set([...(doc.paths[template].parameters ?? []), ...(op.parameters ?? [])]
        .map((p) => this.deref(p, [])[0]).filter((p) => p.in === 'path').map((p) => p.name));
      for (const name of (template.match(/\{([^}]+)\}/g) ?? []).map((s) => s.slice(1, -1))) {
        assert.ok(declared.has(name), `${key}: path parameter {${name}} is declared`);
      }
    }
    const walk = (node, segments) => {
      if (!node || typeof node !== 'object') return;
      if (typeof node.$ref === 'string') this.deref(node, segments);
      for (const [k, v] of Object.entries(node)) walk(v, [...segments, k]);
    };
    walk(doc, []);
    for (const name of Object.keys(doc.components?.schemas ?? {})) this.schemaAt(['components', 'schemas', name]);
  }

  /** Checks one response against the document and records it. `sent`: the JSON body sent. */
  conform(method, path, sent, res, text) {
    const what = `${method} ${path} -> ${res.status}`;
    const operation = this.find(method, path);
    assert.ok(operation, `${method} ${path} is not a documented operation`);
    const documented = operation.op.responses ?? {};
    const entry = documented[String(res.status)];
    assert.ok(entry, `${what}: status ${res.status} is not documented for ${operation.key} (documented: ${Object.keys(documented).join(', ')}); body: ${text.slice(0, 300)}`);
    const [response, segments] = this.deref(entry, ['paths', operation.template, operation.method, 'responses', String(res.status)]);

    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const [header, hSegments] = this.deref(h, [...segments, 'headers', name]);
      const value = name.toLowerCase() === 'set-cookie'
        ? res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`))
        : res.headers.get(name);
      if (value == null) {
        assert.ok(!header.required, `${what}: the documented header ${name} is missing`);
        continue;
      }
      if (!header.schema) continue;
      const v = header.schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
      this.validate([...hSegments, 'schema'], v, `${what}: header ${name}`);
    }

    if (!response.content) {
      assert.equal(text, '', `${what}: no body is documented, but one came`);
    } else {
      const type = mediaType(res.headers.get('content-type'));
      assert.ok(response.content[type], `${what}: Content-Type ${type || '(none)'} is not documented (documented: ${Object.keys(response.content).join(', ')})`);
      if (response.content[type].schema) {
        const value = type === 'application/json' ? parseJson(text) : text;
        assert.ok(value !== undefined, `${what}: the body is not JSON: ${text.slice(0, 200)}`);
        this.validate([...segments, 'content', type, 'schema'], value, `${what}: the body`);
      }
    }

    // A body the server accepted must be one the document allows (it is not stricter).
    if (res.status >= 200 && res.status < 300 && sent !== undefined && operation.op.requestBody) {
      const [rb, rbSegments] = this.deref(operation.op.requestBody, ['paths', operation.template, operation.method, 'requestBody']);
      if (rb.content?.['application/json']?.schema) {
        this.validate([...rbSegments, 'content', 'application/json', 'schema'], sent,
          `${what}: the server accepted a request body that the documented request schema refuses`);
      }
    }

    if (!this.exercised.has(operation.key)) this.exercised.set(operation.key, new Set());
    this.exercised.get(operation.key).add(res.status);
  }

  /**
   * One API call, checked. `body` is sent as JSON; `raw` as is, with Content-Type `type` when
   * given. Returns { status, json, text, res, pending }: pending is true when a pending
   * operation is not routed yet (then nothing was checked). `retryReset`: retry when the
   * connection is reset (for bodies over the limit).
   */
  async call(method, path, { body, raw, type, cookie, headers = {}, retryReset = false } = {}) {
    const h = { ...headers };
    let payload;
    if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (raw !== undefined) {
      if (type) h['content-type'] = type;
      payload = raw;
    } else if (['POST', 'PUT', 'PATCH'].includes(method)) {
      h['content-type'] = 'application/json';  // a write without a body still says JSON
    }
    if (cookie) h.cookie = cookie;
    let res;
    let text;
    for (let attempt = 1; ; attempt++) {
      try {
        res = await fetch(url(path), { method, headers: h, body: payload, redirect: 'manual' });
        text = await res.text();
        break;
      } catch (e) {
        // A 413 is answered before the body is read, and the server then closes the
        // connection: the unread body can make the kernel reset it before the client has
        // read the answer. Such calls pass `retryReset` and are tried again.
        if (!retryReset || attempt >= 5) throw e;
        this.resets = (this.resets ?? 0) + 1;
      }
    }
    const json = parseJson(text);
    const pathOnly = path.split('?')[0];
    const operation = this.find(method, pathOnly);
    if (operation && this.pending.has(operation.key) && routerMiss(res.status, json)) {
      assert.ok(this.allowPending, `${operation.key} is documented but the server does not route it (${res.status})`);
      this.missing.set(operation.key, res.status);
      return { status: res.status, json, text, res, pending: true };
    }
    this.conform(method, pathOnly, body, res, text);
    return { status: res.status, json, text, res, pending: false };
  }

  /** call() that also asserts the status; returns the parsed body, or the whole answer with `full`. */
  async expect(status, method, path, options = {}) {
    const r = await this.call(method, path, options);
    if (r.pending) return options.full ? r : undefined;
    assert.equal(r.status, status, `${method} ${path}: expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
    return options.full ? r : r.json;
  }

  /**
   * OPTIONS (routed nowhere) on every documented path: the router answers 405 with an Allow
   * header naming the methods it has there, which must be the documented ones (HEAD with GET).
   */
  async probeMethods() {
    for (const [template, item] of Object.entries(this.doc.paths)) {
      const path = template.replace(/\{([^}]+)\}/g, (_, name) => (name === 'token' ? 'A'.repeat(43) : '1'));
      const res = await fetch(url(path), { method: 'OPTIONS', redirect: 'manual' });
      const text = await res.text();
      const json = parseJson(text);
      const documented = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
      const pending = (m) => this.allowPending && this.pending.has(`${m} ${template}`);
      if (res.status === 404 && json?.error === 'not found' && documented.every(pending)) {
        for (const m of documented) this.missing.set(`${m} ${template}`, 404);
        continue;
      }
      assert.equal(res.status, 405, `OPTIONS ${path}: a documented path is routed, so 405 (got ${res.status}: ${text.slice(0, 100)})`);
      this.validate(['components', 'schemas', 'Error'], json, `OPTIONS ${path}`);
      const allow = new Set((res.headers.get('allow') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
      const expected = new Set(documented);
      if (expected.has('GET')) expected.add('HEAD');
      for (const m of allow) {
        assert.ok(expected.has(m), `${m} ${template} is routed but not documented (Allow: ${[...allow].join(', ')})`);
      }
      for (const m of expected) {
        if (allow.has(m)) continue;
        assert.ok(pending(m), `${m} ${template} is documented but not routed (Allow: ${[...allow].join(', ')})`);
        this.missing.set(`${m} ${template}`, 405);
      }
    }
  }

  /**
   * Operations never exercised (neither in `excused` nor pending and missing), and per
   * exercised operation the documented statuses not seen (500 and 503 left out: they need a
   * failing store).
   */
  coverage(excused = new Map()) {
    const unexercised = [];
    const unseen = [];
    for (const { key, op } of this.operations) {
      const seen = this.exercised.get(key);
      if (!seen) {
        if (!excused.has(key) && !(this.allowPending && this.pending.has(key) && this.missing.has(key))) unexercised.push(key);
        continue;
      }
      const never = Object.keys(op.responses).filter((s) => !seen.has(Number(s)) && s !== '500' && s !== '503');
      if (never.length) unseen.push(`${key}: ${never.join(', ')}`);
    }
    return { unexercised, unseen };
  }
}
