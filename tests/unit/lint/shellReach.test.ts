import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The desktop shell's main process carries the core but does not run it: nothing it loads
 * (followed import by import, type-only imports aside) reaches the cache, the providers or
 * the core itself, so no SQL or provider traffic can run on the window's thread.
 */
const ROOT = process.cwd();
const ENTRY = path.join(ROOT, 'main/electron/app.main.ts');
const FORBIDDEN = [
  'main/db/',
  'main/providers/',
  'main/webhooks/',
  'main/demo/',
  'main/core/core.node.ts',
];

function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !fs.existsSync(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    // `import type` (and `import { type … }`-only lists) vanish at build time.
    for (const match of text.matchAll(/^import (?!type )([^;]*?) from ['"](\.[^'"]+)['"]/gms)) {
      const typeOnlyList = /^\{(\s*type\s+\w+\s*,?)+\s*\}$/.test(match[1]!.trim());
      if (typeOnlyList) continue;
      visit(path.resolve(path.dirname(file), match[2]!));
    }
  };
  visit(entry);
  return seen;
}

describe('the desktop shell’s main process', () => {
  it('loads nothing that runs the core: no cache, providers, webhooks, demo or Core', () => {
    const files = [...reached(ENTRY)].map((f) => path.relative(ROOT, f));
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain('main/coreHost/coreSupervisor.node.ts');
    expect(files.filter((f) => FORBIDDEN.some((bad) => f.startsWith(bad)))).toEqual([]);
  });
});
