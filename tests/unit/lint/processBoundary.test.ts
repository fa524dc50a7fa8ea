import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The probes are virtual files: without type information (which needs them on disk), so the
// type-aware rules are off here; the boundary rule needs none.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});
const problems = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.map((m) => m.ruleId);
};

describe('lint enforces the process boundary', () => {
  it('keeps Node and the core out of the renderer', async () => {
    expect(
      await problems('renderer/src/x.dom.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await problems(
        'renderer/src/x.dom.ts',
        "import { Core } from '../../main/core/core.node.ts';\nexport const a = Core;\n",
      ),
    ).toContain('switchboard/file-runtime');
    expect(
      await problems(
        'renderer/src/x.dom.ts',
        "import { en } from './i18n/en.std.ts';\nexport const a = en;\n",
      ),
    ).toEqual([]);
  });

  it('keeps shared/ free of anything process-specific', async () => {
    expect(
      await problems('shared/x.std.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await problems(
        'shared/x.std.ts',
        "import Database from 'better-sqlite3';\nexport const a = Database;\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('requires every file to name its runtime', async () => {
    expect(await problems('shared/x.ts', 'export const a = 1;\n')).toContain(
      'switchboard/file-runtime',
    );
    expect(await problems('main/x.dom.ts', 'export const a = 1;\n')).toContain(
      'switchboard/file-runtime',
    );
    expect(await problems('preload/x.node.ts', 'export const a = 1;\n')).toContain(
      'switchboard/file-runtime',
    );
  });

  describe('by what a file uses, not only by its name (the probes that passed before)', () => {
    it('refuses electron in a .node.ts file of main/core', async () => {
      expect(
        await problems(
          'main/core/probe.node.ts',
          "import { app } from 'electron';\nexport const a = app;\n",
        ),
      ).toContain('switchboard/file-runtime');
      expect(
        await problems(
          'main/electron/probe.main.ts',
          "import { app } from 'electron';\nexport const a = app;\n",
        ),
      ).toEqual([]);
    });

    it('refuses Node modules in a .std.ts file, wherever it lives', async () => {
      expect(
        await problems(
          'main/core/probe.std.ts',
          "import fs from 'node:fs';\nexport const a = fs;\n",
        ),
      ).toContain('switchboard/file-runtime');
      expect(
        await problems(
          'main/db/probe.std.ts',
          "import path from 'path';\nexport const a = path;\n",
        ),
      ).toContain('switchboard/file-runtime');
    });

    it('refuses a provider reaching into main/db, main/core or main/webhooks', async () => {
      for (const target of [
        '../../db/cache.node.ts',
        '../../core/core.node.ts',
        '../../webhooks/ingress.node.ts',
      ]) {
        expect(
          await problems(
            'main/providers/maytapi/probe.node.ts',
            `import { x } from '${target}';\nexport const a = x;\n`,
          ),
          target,
        ).toContain('switchboard/file-runtime');
      }
      expect(
        await problems(
          'main/providers/maytapi/probe.node.ts',
          "import type { ProviderContext } from '../plugin.node.ts';\nexport type A = ProviderContext;\n",
        ),
      ).toEqual([]);
    });

    it('refuses a renderer .std.ts file reading window, and a .dom.ts file reading process', async () => {
      expect(
        await problems('renderer/src/probe.std.ts', 'export const w = window.innerWidth;\n'),
      ).toContain('switchboard/file-runtime');
      expect(
        await problems('renderer/src/probe.dom.ts', 'export const env = process.env.HOME;\n'),
      ).toContain('switchboard/file-runtime');
      expect(
        await problems('renderer/src/probe.dom.ts', 'export const w = window.innerWidth;\n'),
      ).toEqual([]);
      expect(
        await problems('shared/probe.std.ts', 'export const b = Buffer.from("x");\n'),
      ).toContain('switchboard/file-runtime');
    });
  });
});
