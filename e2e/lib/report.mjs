// Compact failure messages: a list of problems, the first ones in full, then a count by kind.
import assert from 'node:assert/strict';

export function expectNone(problems, what, { show = 15 } = {}) {
  if (problems.length === 0) return;
  const byKind = new Map();
  for (const p of problems) {
    const kind = p.split(/[ :(]/)[0];
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const kinds = [...byKind].map(([k, n]) => `${k} x${n}`).join(', ');
  const shown = problems.slice(0, show).map((p) => `  - ${p}`).join('\n');
  const more = problems.length > show ? `\n  ... and ${problems.length - show} more` : '';
  assert.fail(`${what}: ${problems.length} problem(s) [${kinds}]\n${shown}${more}`);
}
