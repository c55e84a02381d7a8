import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../eslint.config.js';

/**
 * The README's architecture section is a map of the tree: this keeps it true. A moved or renamed
 * folder or file that the README still names fails here, as does a top folder of src/ that the
 * layout table leaves out, or a table whose order is not the import order the lint rule enforces.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(`${ROOT}README.md`, 'utf8');

function layoutTable(): string[] {
  const start = README.indexOf('<!-- layout:start -->');
  const end = README.indexOf('<!-- layout:end -->');
  expect(start, 'README.md has a <!-- layout:start --> … <!-- layout:end --> table').toBeGreaterThanOrEqual(0);
  return [...README.slice(start, end).matchAll(/^\| `src\/([a-z-]+)` \|/gm)].map((match) => match[1]!);
}

describe('the README layout', () => {
  it('names every top folder of src/ once, and nothing else', () => {
    const folders = readdirSync(`${ROOT}src`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(`${ROOT}src/${entry.name}`, { recursive: true }).length > 0)
      .map((entry) => entry.name);
    expect([...layoutTable()].sort()).toEqual(folders.sort());
  });

  it('lists the folders in the order the lint rule lets them import (top to bottom)', () => {
    const lintOrder = LAYERS.flat().filter((folder) => folder !== 'generated');
    expect(layoutTable().filter((folder) => folder !== 'generated')).toEqual(lintOrder);
  });

  it('names only paths that exist (src/, test/, schema/, resolvers/, ops/, bench/; not bench/results, which a run writes)', () => {
    const named = [...README.matchAll(/(?<![\w/.-])((?:src|test|schema|resolvers|ops|bench)\/[\w./-]*[\w])/g)].map((match) => match[1]!);
    const concrete = [...new Set(named)].filter((path) => !path.includes('<') && !path.startsWith('bench/results'));
    expect(concrete.length).toBeGreaterThan(20);
    expect(concrete.filter((path) => !existsSync(`${ROOT}${path}`))).toEqual([]);
  });
});
