// Checks run inside pages: axe, horizontal overflow, target size and focus visibility.
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core'; // the same copy @axe-core/playwright injects

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Loads axe-core into every page of the context as it loads (an init script, which Chromium
 * compiles once and caches). AxeBuilder otherwise sends the 550 kB source over the protocol and
 * parses it for every page, which takes most of the time of a run on a small machine, and under
 * load can pass its 1 s injection timeout.
 */
export async function preloadAxe(context) {
  await context.addInitScript({ content: axe.source });
}

// When axe is already in the page, AxeBuilder is given this no-op instead of the source.
const PRELOADED = 'void "axe-core preloaded by an init script"';

/**
 * Runs axe with the WCAG tags; returns one readable line per violating node. Legacy mode runs axe
 * in the page itself instead of opening a blank page per run to merge frame results: the site has
 * no frames.
 */
export async function axeViolations(page) {
  const preloaded = await page.evaluate(() => typeof window.axe?.run === 'function');
  const builder = new AxeBuilder(preloaded ? { page, axeSource: PRELOADED } : { page });
  const result = await builder.withTags(AXE_TAGS).setLegacyMode(true).analyze();
  const lines = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      const why = (node.failureSummary || '').replace(/\s+/g, ' ').trim();
      lines.push(`${v.id} (${v.impact}): ${v.help} | ${node.target.join(' ')} | ${node.html.slice(0, 160)} | ${why.slice(0, 300)}`);
    }
  }
  return lines;
}

/** Width the document can scroll beyond the viewport, in px (0 when there is no horizontal scrolling). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const s = document.scrollingElement;
    const over = s.scrollWidth - s.clientWidth;
    if (over <= 0) return { over: 0, culprits: [] };
    // Name the elements that stick out, for the report.
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > s.clientWidth + 0.5 && r.width > 0) {
        const id = el.id ? `#${el.id}` : '';
        const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
        culprits.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)}px)`);
      }
    }
    return { over, culprits: culprits.slice(0, 5) };
  });
}

/**
 * WCAG 2.5.8 (target size, minimum): every link, button and form control is at least 24x24 CSS px,
 * except links inline in a sentence. A radio or checkbox counts together with its label (a click on
 * the label selects it). Elements moved off-screen until focused (the skip link) are measured while
 * focused. Returns one line per target that is too small.
 */
export async function smallTargets(page) {
  return page.evaluate(() => {
    const describe = (el) => {
      const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      const href = el.getAttribute('href') !== null ? `[href="${el.getAttribute('href')}"]` : '';
      const name = el.getAttribute('name') ? `[name="${el.getAttribute('name')}"]` : '';
      const where = el.closest('header, nav, footer, main, aside');
      return `${where ? `${where.tagName.toLowerCase()} ` : ''}${el.tagName.toLowerCase()}${id}${cls}${href}${name} "${text.slice(0, 40)}"`;
    };
    const hidden = (node) => {
      for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
        const s = getComputedStyle(n);
        if (s.display === 'none' || s.visibility === 'hidden') return true;
        if (n.classList.contains('visually-hidden')) return true;
      }
      return false;
    };
    const measure = (el) => {
      const rects = [el.getBoundingClientRect()];
      if ((el.type === 'radio' || el.type === 'checkbox') && el.labels) {
        for (const l of el.labels) rects.push(l.getBoundingClientRect());
      }
      const left = Math.min(...rects.map((r) => r.left));
      const top = Math.min(...rects.map((r) => r.top));
      const right = Math.max(...rects.map((r) => r.right));
      const bottom = Math.max(...rects.map((r) => r.bottom));
      return { width: right - left, height: bottom - top, right, bottom };
    };
    // Inline in a sentence: an inline link with words around it in the same run of text (text
    // nodes of its block container, through inline elements, not through blocks or controls).
    const inSentence = (el) => {
      if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
      let block = el.parentElement;
      while (block && ['inline', 'contents'].includes(getComputedStyle(block).display)) block = block.parentElement;
      if (!block) return false;
      let text = '';
      const walk = (node) => {
        for (const child of node.childNodes) {
          if (child === el) continue;
          if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
          else if (child.nodeType === Node.ELEMENT_NODE && ['inline', 'contents'].includes(getComputedStyle(child).display)
            && !child.matches('a[href], button, input, select, textarea')) walk(child);
        }
      };
      walk(block);
      return /[\p{L}\p{N}]/u.test(text);
    };
    const problems = [];
    for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
      if (hidden(el) || inSentence(el)) continue;
      let m = measure(el);
      const offscreen = m.right + window.scrollX <= 0 || m.bottom + window.scrollY <= 0 || (m.width <= 1 && m.height <= 1);
      if (offscreen) {
        // Shown only when focused (a skip link): measure it focused.
        el.focus();
        m = measure(el);
        el.blur();
        if (m.right + window.scrollX <= 0 || m.bottom + window.scrollY <= 0 || (m.width <= 1 && m.height <= 1)) continue;
      }
      if (m.width < 23.99 || m.height < 23.99) {
        problems.push(`${describe(el)}: ${m.width.toFixed(1)}x${m.height.toFixed(1)} px`);
      }
    }
    return problems;
  });
}

/**
 * The visible focus indicator of the focused element: a computed outline (style not none,
 * width >= 1px, not transparent) or box-shadow, on the element itself or, for a radio or
 * checkbox, on its label. Returns { tag, indicator } or { tag, indicator: null }.
 */
export async function focusIndicator(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', indicator: null };
    const describe = (n) => `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.name ? `[name="${n.name}"]` : ''}`;
    const visible = (n) => {
      const s = getComputedStyle(n);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && !/rgba\(.*,\s*0\)$/.test(s.outlineColor)
        && s.outlineColor !== 'transparent';
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      if (outline) return `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`;
      if (shadow) return `box-shadow ${s.boxShadow}`;
      return null;
    };
    const r = el.getBoundingClientRect();
    const onScreen = r.width > 0 && r.height > 0;
    // Focus inside the browser's own shadow tree of a control (the "Show date picker" button of
    // a date field): the host is the active element but does not match :focus, and the inner
    // part's style cannot be read; the caller compares pixels instead.
    const inner = !el.matches(':focus') && el.matches(':focus-within');
    let indicator = onScreen && !inner ? visible(el) : null;
    if (!indicator && !inner && el.labels) {
      for (const l of el.labels) indicator ||= visible(l);
    }
    return { tag: describe(el), indicator, onScreen, inner, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
  });
}
