import { t, type Language, type MessageKey } from '../../../shared/i18n/catalog.std.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { say } from '../../../shared/words/coreWords.std.ts';

export type { Language };

/** A key of the one catalog in a language, plurals and all (ICU). */
export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return t(language, key, params);
}

/** Every user-facing string goes through this hook. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  return (key, params) => translate(language, key, params);
}

/** The core's own words (a connection's reason, a refusal) in the user's language, or its English text. */
export function useSay(): (
  words: { key: string; params: Record<string, string | number> } | undefined,
  english: string,
) => string {
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  return (words, english) => (words ? (say(words, language) ?? english) : english);
}
