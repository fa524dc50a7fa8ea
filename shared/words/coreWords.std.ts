import { z } from 'zod';
import { formatMessage, type Language, type MessageKey } from '../i18n/catalog.std.ts';

/**
 * What the core says to users (refusals, failures, reasons): keys of the one catalog
 * (`shared/i18n`), or of a provider's own words. An error carries its key and values across
 * the contract, so the renderer says it in the user's language; the English text is also the
 * message, for logs and older pages. A key is the catalog's, or a provider's own (`chatapp.…`),
 * merged by the registry.
 */
// The provider kinds spelled out: shared/model imports these words, not the other way round.
export type WordKey = MessageKey | `${'chatapp' | 'maytapi' | 'multiwa' | 'chategy'}.${string}`;
export type { Language };

export const Words = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Words = { key: WordKey; params: Record<string, string | number> };

export function words(key: WordKey, params: Record<string, string | number> = {}): Words {
  return { key, params };
}

/** The words in a language; null for a key this build does not know (an older page, a newer core). */
export function say(
  w: { key: string; params: Record<string, string | number> },
  language: Language,
): string | null {
  return formatMessage(language, w.key, w.params);
}
