// Acceptance 3: every crawled page and every check-up state is valid HTML (html-validate,
// recommended preset, configured in e2e/.htmlvalidate.json). The crawl also checks every link.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { expectNone } from '../lib/report.mjs';
import { crawledPages, checkupStates, errorStates, postState, url } from '../lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Validating "as" a file in e2e/ makes html-validate find e2e/.htmlvalidate.json (root: true).
const asFile = path.join(here, '..', 'page.html');
const validator = new HtmlValidate(new FileSystemConfigLoader());

async function problems(html) {
  const report = await validator.validateString(html, asFile);
  const lines = [];
  for (const result of report.results) {
    for (const m of result.messages) {
      if (m.severity !== 2) continue;
      lines.push(`${m.ruleId} line ${m.line}:${m.column}: ${m.message} | ${m.selector ?? ''}`);
    }
  }
  return lines;
}

const { pages, broken } = await crawledPages();
const { states, tokens } = await checkupStates();
const errors = await errorStates(tokens);

describe('crawl', () => {
  it('finds the whole guide', () => {
    const paths = pages.map((p) => p.path);
    for (const p of ['/', '/guide', '/guide/elements', '/guide/phases', '/guide/phases/grow', '/guide/practices',
      '/guide/examples', '/guide/roles', '/guide/glossary', '/guide/references', '/guide/templates', '/guide/templates/community-charter', '/about', '/privacy', '/checkup', '/search']) {
      assert.ok(paths.includes(p), `the crawl from / did not reach ${p}`);
    }
    assert.ok(paths.filter((p) => p.startsWith('/guide/practices/')).length >= 5, 'practice pages');
    assert.ok(paths.filter((p) => p.startsWith('/guide/examples/')).length >= 5, 'example pages');
  });
  it('finds no broken links', () => {
    expectNone(broken.map((b) => `${b.path} -> ${b.status} (linked from ${b.from})`), 'broken links');
  });
});

describe('html-validate: crawled pages', () => {
  for (const page of pages) {
    it(page.path, async () => {
      expectNone(await problems(page.html), `invalid HTML on ${page.path}`);
    });
  }
});

describe('html-validate: check-up and other states', () => {
  for (const state of states) {
    it(state.name, async () => {
      const res = await fetch(url(state.path));
      assert.equal(res.status, state.status, `${state.path} status`);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      expectNone(await problems(await res.text()), `invalid HTML on ${state.name} (${state.path.slice(0, 80)})`);
    });
  }
  for (const state of errors) {
    it(state.name, async () => {
      const { status, html } = await postState(state);
      assert.equal(status, state.status, `POST ${state.form} status`);
      expectNone(await problems(html), `invalid HTML on ${state.name} (POST ${state.form})`);
    });
  }
});
