import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const problems = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.map((m) => m.ruleId);
};

describe('lint enforces the process boundary', () => {
  it('keeps Node and the core out of the renderer', async () => {
    expect(await problems('renderer/src/x.dom.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
    expect(await problems('renderer/src/x.dom.ts', "import { Core } from '../../main/core/core.node.ts';\nexport const a = Core;\n")).toContain('switchboard/file-runtime');
    expect(await problems('renderer/src/x.dom.ts', "import { en } from './i18n/en.std.ts';\nexport const a = en;\n")).toEqual([]);
  });

  it('keeps shared/ free of anything process-specific', async () => {
    expect(await problems('shared/x.std.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await problems('shared/x.std.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toContain('no-restricted-imports');
  });

  it('requires every file to name its runtime', async () => {
    expect(await problems('shared/x.ts', 'export const a = 1;\n')).toContain('switchboard/file-runtime');
    expect(await problems('main/x.dom.ts', 'export const a = 1;\n')).toContain('switchboard/file-runtime');
    expect(await problems('preload/x.node.ts', 'export const a = 1;\n')).toContain('switchboard/file-runtime');
  });
});
