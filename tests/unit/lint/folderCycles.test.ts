import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No two folders import each other (main/core ↔ main/webhooks, shared/model ↔ shared/ipc
 * did): a folder is the top two levels of a path (main/core, shared/ipc; renderer whole).
 */
const ROOT = process.cwd();
const folderOf = (file: string): string => {
  const parts = path.relative(ROOT, file).split(path.sep);
  return parts[0] === 'renderer' ? 'renderer' : parts.slice(0, 2).join('/');
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function graph(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const base of ['main', 'shared', 'renderer', 'preload']) {
    for (const file of sources(path.join(ROOT, base))) {
      const from = folderOf(file);
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/from ['"](\.[^'"]+)['"]/g)) {
        const to = folderOf(path.resolve(path.dirname(file), match[1]!));
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
  }
  return edges;
}

function cycleFrom(edges: Map<string, Set<string>>, start: string): string[] | null {
  const walk = (node: string, trail: string[]): string[] | null => {
    for (const next of edges.get(node) ?? []) {
      if (next === start) return [...trail, next];
      if (!trail.includes(next)) {
        const found = walk(next, [...trail, next]);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(start, [start]);
}

describe('folders', () => {
  it('import each other in one direction only', () => {
    const edges = graph();
    const cycles = [...edges.keys()]
      .map((folder) => cycleFrom(edges, folder))
      .filter((c): c is string[] => c !== null);
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });
});
