import { describe, expect, it } from 'vitest';
import { unreachable } from '../../../main/providers/errors.node.ts';
import { say } from '../../../shared/words/coreWords.std.ts';

describe('an unreachable host, said', () => {
  it('ends in one full stop when the system’s own words end in one', () => {
    const error = new TypeError('fetch failed', {
      cause: new Error('self-signed certificate in certificate chain.'),
    });
    const said = unreachable('MultiWA', 'wa.example.com', error);
    for (const language of ['en', 'ru'] as const) {
      const text = say(said.words!, language)!;
      expect(text).toContain('self-signed certificate in certificate chain');
      expect(text).not.toMatch(/\.\.$/);
    }
  });
});
