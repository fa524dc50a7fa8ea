import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './en.std.ts';
import { ru } from './ru.std.ts';

export type { MessageKey } from './en.std.ts';

/** The languages of the interface, each with a complete catalog. */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A provider's own words, kept in its folder and merged by the registry (and sent to the page). */
export type ProviderWords = Record<Language, Record<string, string>>;

export type MessageValues = Record<string, string | number>;

/**
 * The one catalog: every key in every language, in ICU MessageFormat (FormatJS's
 * intl-messageformat), so Russian gets its own plural forms ("3 непрочитанных сообщения").
 */
const catalogs: Record<Language, Map<string, string>> = {
  en: new Map(Object.entries(en)),
  ru: new Map(Object.entries(ru)),
};
const compiled = new Map<string, IntlMessageFormat>();

/** Adds a provider's words; a key the catalog already has keeps its text. */
export function addWords(words: ProviderWords): void {
  for (const language of LANGUAGES)
    for (const [key, text] of Object.entries(words[language]))
      if (!catalogs[language].has(key)) catalogs[language].set(key, text);
}

export function hasMessage(key: string): boolean {
  return catalogs.en.has(key);
}

/** The text of a key in a language (English where that language lacks it); null for an unknown key. */
export function formatMessage(
  language: Language,
  key: string,
  values: MessageValues = {},
): string | null {
  const template = catalogs[language].get(key) ?? catalogs.en.get(key);
  if (template === undefined) return null;
  const id = `${language}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) compiled.set(id, (format = new IntlMessageFormat(template, language)));
  try {
    return String(format.format(values));
  } catch {
    // A value missing (an older core's words): its placeholder stays, the rest is said.
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  }
}

/** A key of the shared catalog, typed; for the window's and the shell's own strings. */
export function t(language: Language, key: MessageKey, values: MessageValues = {}): string {
  return formatMessage(language, key, values) ?? key;
}

/** Every language's catalog as it stands (with providers' words), for the completeness test. */
export function catalogEntries(language: Language): [string, string][] {
  return [...catalogs[language]];
}
