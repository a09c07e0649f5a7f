// Acceptance 2 (second half): the whole check-up can be done with the keyboard alone (Tab,
// Shift+Tab, Space, arrow keys, Enter; no clicks), with a visible focus indicator (a computed
// outline or box-shadow) on every element that receives focus on the way.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, DESKTOP } from '../lib/browser.mjs';
import { focusIndicator } from '../lib/checks.mjs';
import { expectNone } from '../lib/report.mjs';
import { questionBank, plannedAnswer, url } from '../lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const bank = await questionBank();
const SCALE = ['0', '1', '2', '3', '4', 'na']; // the order of the radios in each group

/** Keyboard driver that checks the focus indicator after every key. */
class Keyboard {
  constructor(page) {
    this.page = page;
    this.invisible = new Map(); // element and page -> the key that focused it
    this.stops = 0;
    this.pending = null; // focus inside a control's shadow tree, judged at the next key
  }

  async press(key) {
    const pending = this.pending;
    this.pending = null;
    await this.page.keyboard.press(key);
    if (pending) {
      // Focus was inside a control's own shadow tree: it showed an indicator if the pixels of
      // that control changed when focus left it.
      const after = await this.page.screenshot({ clip: pending.clip });
      if (after.equals(pending.shot)) this.invisible.set(pending.what, `${pending.key}; no pixel changed when focus left it`);
    }
    await this.checkFocus(key);
  }

  /** Enter on a link or button that loads another page. */
  async follow(urlPattern) {
    await Promise.all([urlPattern ? this.page.waitForURL(urlPattern) : this.page.waitForNavigation(), this.page.keyboard.press('Enter')]);
    await this.page.waitForLoadState();
  }

  async type(text) {
    await this.page.keyboard.type(text);
  }

  async checkFocus(key) {
    let f = await focusIndicator(this.page);
    if (!f.indicator) {
      // Focus can still be moving (Tab out of the last segment of a date field lands a frame
      // later): look again after two animation frames.
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      f = await focusIndicator(this.page);
    }
    this.stops += 1;
    if (f.tag === 'body') return;
    // Containers focused by script or by a skip link (tabindex=-1) are not controls.
    const programmatic = await this.page.evaluate(() => document.activeElement?.getAttribute('tabindex') === '-1');
    if (programmatic) return;
    if (!f.indicator && f.inner && f.onScreen) {
      const m = 6; // the outline can sit outside the box
      const clip = { x: Math.max(0, f.box.x - m), y: Math.max(0, f.box.y - m), width: f.box.width + 2 * m, height: f.box.height + 2 * m };
      const where = new URL(this.page.url()).pathname.replace(/\/checkup\/[^/]+/, '/checkup/<token>');
      this.pending = { clip, shot: await this.page.screenshot({ clip }), key, what: `a part inside ${f.tag} on ${where}` };
      return;
    }
    if (!f.indicator) {
      const where = new URL(this.page.url()).pathname.replace(/\/checkup\/[^/]+/, '/checkup/<token>');
      this.invisible.set(`${f.tag} on ${where}`, key);
    }
  }

  /** What has focus: tag, type, name, value, checked, id, text. */
  active() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName.toLowerCase(),
        type: el?.type ?? null,
        name: el?.name ?? null,
        value: el?.value ?? null,
        checked: el?.checked ?? null,
        id: el?.id ?? '',
        text: (el?.innerText ?? '').trim(),
      };
    });
  }

  /** Presses Tab (or Shift+Tab) until `wanted(active)` holds. */
  async tabTo(wanted, what, { back = false, max = 250 } = {}) {
    for (let i = 0; i < max; i += 1) {
      await this.press(back ? 'Shift+Tab' : 'Tab');
      const a = await this.active();
      if (wanted(a)) return a;
    }
    const a = await this.active();
    assert.fail(`could not reach ${what} with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses (focus is on ${a.tag}#${a.id} "${a.text.slice(0, 40)}")`);
  }

  /** Chooses `value` in the radio group that has focus: Space checks the focused radio, arrows move. */
  async chooseInGroup(name, value) {
    const a = await this.active();
    assert.equal(a.name, name, 'focus is in the right radio group');
    const from = SCALE.indexOf(a.value);
    const to = SCALE.indexOf(value);
    if (!a.checked) await this.press('Space');
    const steps = (to - from + SCALE.length) % SCALE.length;
    if (steps <= SCALE.length / 2) {
      for (let i = 0; i < steps; i += 1) await this.press('ArrowRight');
    } else {
      for (let i = 0; i < SCALE.length - steps; i += 1) await this.press('ArrowLeft');
    }
    const now = await this.active();
    assert.equal(`${now.name}=${now.value}:${now.checked}`, `${name}=${value}:true`, `keyboard choice of ${name}`);
  }
}

describe('keyboard only', () => {
  it('the whole check-up, from the start page to a saved plan, with visible focus', async () => {
    const context = await newContext(browser, DESKTOP, { locale: 'en-US' });
    const page = await context.newPage();
    const kb = new Keyboard(page);
    try {
      await page.goto('/checkup');

      // The skip link comes first and is visible when focused; Enter moves focus to the content.
      await kb.press('Tab');
      let a = await kb.active();
      assert.match(a.text, /skip to main content/i, 'the first Tab stop is the skip link');
      const skip = await page.evaluate(() => document.activeElement.getBoundingClientRect().toJSON());
      assert.ok(skip.top >= 0 && skip.height > 10, 'the skip link is on screen when focused');
      await kb.press('Enter');
      assert.equal((await kb.active()).id, 'main', 'the skip link moves focus to the main content');

      // Start: name, phases (Space toggles a checkbox), Enter on the button.
      await kb.tabTo((x) => x.id === 'name', 'the name field');
      await kb.type('Keyboard circle');
      a = await kb.tabTo((x) => x.type === 'checkbox', 'the first phase checkbox');
      assert.ok(a.checked);
      await kb.press('Space');
      assert.equal((await kb.active()).checked, false, 'Space unticks a phase');
      await kb.press('Space');
      assert.equal((await kb.active()).checked, true, 'Space ticks it again');
      await kb.tabTo((x) => x.tag === 'button' && /start the check-up/i.test(x.text), 'the start button');
      await kb.follow(/\/phase\/define/);
      const token = new URL(page.url()).pathname.split('/')[2];

      for (const [pi, phase] of bank.phases.entries()) {
        assert.match(page.url(), new RegExp(`/phase/${phase.id}`));
        for (const [qi, q] of phase.questions.entries()) {
          const want = plannedAnswer(pi, qi);
          await kb.tabTo((x) => x.name === `now.${q.id}`, `the "now" group of ${q.id}`);
          await kb.chooseInGroup(`now.${q.id}`, want.now);
          await kb.press('Tab');
          await kb.chooseInGroup(`target.${q.id}`, want.target);
          if (qi === 0) {
            // Shift+Tab goes back to the "now" group, on the chosen radio; Tab returns.
            await kb.press('Shift+Tab');
            a = await kb.active();
            assert.equal(`${a.name}=${a.value}:${a.checked}`, `now.${q.id}=${want.now}:true`, 'Shift+Tab returns to the chosen answer');
            await kb.press('Tab');
            await kb.press('Tab');
            assert.equal((await kb.active()).name, `note.${q.id}`, 'after the two groups comes the note');
            await kb.type(`Typed note on ${phase.id}`);
          }
        }
        await kb.tabTo((x) => x.name === `prompt.${phase.prompts[0].id}`, 'the first reflection');
        await kb.type(`Typed reflection on ${phase.id}`);
        const last = pi === bank.phases.length - 1;
        const label = last ? /save and see results/i : /save and continue/i;
        await kb.tabTo((x) => x.tag === 'button' && label.test(x.text), 'the save button');
        await kb.follow(last ? /\/results$/ : new RegExp(`/phase/${bank.phases[pi + 1]?.id}`));
      }

      // Everything typed was saved.
      const saved = await (await fetch(url(`/api/v1/checkups/${token}`))).json();
      const answers = new Map(saved.answers.map((x) => [x.question, x]));
      for (const [pi, phase] of bank.phases.entries()) {
        for (const [qi, q] of phase.questions.entries()) {
          const want = plannedAnswer(pi, qi);
          const got = answers.get(q.id);
          assert.ok(got, `${q.id} saved`);
          assert.equal(got.now, want.now === 'na' ? null : Number(want.now), `${q.id} now`);
          assert.equal(got.target, want.target === 'na' ? null : Number(want.target), `${q.id} target`);
        }
        assert.equal(answers.get(phase.questions[0].id).note, `Typed note on ${phase.id}`);
      }

      // Results -> plan, by keyboard; an owner and a due date typed into the date field.
      await kb.tabTo((x) => x.tag === 'a' && /make your plan/i.test(x.text), 'the plan link');
      await kb.follow(/\/plan$/);
      await kb.tabTo((x) => x.id === 'plan-items-0-owner', 'the owner of the first action');
      await kb.type('Lee');
      await kb.press('Tab');
      assert.equal((await kb.active()).id, 'plan-items-0-due');
      await kb.type('03312027'); // month, day, year segments of the en-US date field
      await kb.tabTo((x) => x.id === 'plan-items-0-status', 'the status of the first action');
      await kb.press('ArrowDown'); // To do -> Doing
      await kb.tabTo((x) => x.tag === 'button' && /save the plan/i.test(x.text), 'the save button');
      await kb.follow();
      await assert.doesNotReject(page.getByText('Your plan is saved.').waitFor());
      const plan = await (await fetch(url(`/api/v1/checkups/${token}/plan`))).json();
      assert.equal(plan.items[0].owner, 'Lee');
      assert.equal(plan.items[0].due, '2027-03-31');
      assert.equal(plan.items[0].status, 'doing');

      assert.ok(kb.stops > 100, `focus was checked at ${kb.stops} stops`);
      expectNone([...kb.invisible].map(([el, key]) => `focus-visible: no outline or box-shadow on ${el} (after ${key})`),
        'elements without a visible focus indicator');
    } finally {
      await context.close();
    }
  });
});
