import { translate, type Language } from '../i18n/i18n.dom.ts';

/**
 * A tab opened without the bridge's key: say how to open Switchboard instead of spinning.
 * No core answers yet, so the browser's language picks the words.
 */
export function NoTokenPage({ language }: { language: Language }) {
  return (
    <main className="no-token">
      <h1>{translate(language, 'noToken.title')}</h1>
      <p>{translate(language, 'noToken.body')}</p>
    </main>
  );
}
