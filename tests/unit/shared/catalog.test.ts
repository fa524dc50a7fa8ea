import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  catalogEntries,
  formatMessage,
  hasMessage,
} from '../../../shared/i18n/catalog.std.ts';
import { createRegistry } from '../../../main/providers/builtins.node.ts';
import { shellStrings } from '../../../main/electron/shellStrings.main.ts';

/**
 * The one catalog (window, core, shell, and each provider's words merged by the registry):
 * complete in every language, valid ICU, the same values in each, and every key the code
 * uses is in it.
 */
createRegistry();
const ROOT = process.cwd();
/** The names a message fills in: `{name}` and `{count, plural, …}` alike. */
const argumentsOf = (text: string) =>
  [...new Set([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!))].sort();

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'simulator' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('the catalog', () => {
  const en = new Map(catalogEntries('en'));

  it('has every key in every language, as valid ICU with the same values', () => {
    expect(en.size).toBeGreaterThan(300);
    for (const language of LANGUAGES) {
      const texts = new Map(catalogEntries(language));
      expect([...texts.keys()].sort(), language).toEqual([...en.keys()].sort());
      for (const [key, text] of texts) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(() => new IntlMessageFormat(text, language), `${language} ${key}`).not.toThrow();
        expect(argumentsOf(text), `${language} ${key}`).toEqual(argumentsOf(en.get(key)!));
      }
    }
  });

  it('says Russian in Russian: no English copy beyond names and numbers', () => {
    const ru = new Map(catalogEntries('ru'));
    const copies = [...en].filter(([key, text]) => ru.get(key) === text && /[a-z]{4}/i.test(text));
    // Brand names and formats read the same in both languages.
    expect(copies.map(([key]) => key).filter((key) => !/^(app\.title)$/.test(key))).toEqual([]);
  });

  it('has every key the code uses: t(…), words(…) and the shell’s', () => {
    const used = new Set<string>();
    for (const base of ['renderer/src', 'main', 'shared'])
      for (const file of sources(path.join(ROOT, base))) {
        const text = fs.readFileSync(file, 'utf8');
        for (const match of text.matchAll(/\b(?:t|words|translate\([^,]+,)\(\s*'([\w.]+)'/g))
          used.add(match[1]!);
      }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((key) => !hasMessage(key))).toEqual([]);
  });

  it('uses Russian plural forms', () => {
    const unread = (count: number) => formatMessage('ru', 'conversation.newMessages', { count });
    expect([1, 3, 5, 21, 22, 11].map(unread)).toEqual([
      '1 непрочитанное сообщение',
      '3 непрочитанных сообщения',
      '5 непрочитанных сообщений',
      '21 непрочитанное сообщение',
      '22 непрочитанных сообщения',
      '11 непрочитанных сообщений',
    ]);
    expect(formatMessage('en', 'conversation.newMessages', { count: 1 })).toBe('1 unread message');
    expect(shellStrings('ru').unread(0)).toBe('Нет непрочитанных');
    expect(shellStrings('ru').unread(4)).toBe('4 непрочитанных сообщения');
    expect(shellStrings('en').unread(2)).toBe('2 unread messages');
  });

  it('says a provider’s own words, merged from its folder by the registry', () => {
    expect(formatMessage('ru', 'maytapi.tokenRefused')).toMatch(/^Maytapi не принял/);
    expect(formatMessage('en', 'no.such.key')).toBeNull();
  });
});
