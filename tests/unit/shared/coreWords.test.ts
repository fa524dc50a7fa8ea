import { describe, expect, it } from 'vitest';
import { say, words } from '../../../shared/words/coreWords.std.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';

describe('the core’s words', () => {
  it('fill in their values, and an unknown key is left to the English message', () => {
    const w = words('message.fileTooLarge', {
      name: 'backup.zip',
      size: '150 MB',
      limit: '100 MB',
    });
    expect(say(w, 'en')).toBe(
      '“backup.zip” is 150 MB, over the 100 MB limit for a file you can send. Share a link to it instead.',
    );
    expect(say(w, 'ru')).toBe(
      '«backup.zip» весит 150 MB, а отправить можно не больше 100 MB. Поделитесь ссылкой на него.',
    );
    expect(say({ key: 'from.a.newer.core', params: {} }, 'ru')).toBeNull();
  });

  it('travel with an error across the contract, its English text as the message', () => {
    const error = new SwitchboardError('not_found', words('conversation.gone'));
    expect(error.message).toBe('This conversation no longer exists.');
    expect(error.toIpc()).toEqual({
      code: 'not_found',
      message: 'This conversation no longer exists.',
      words: { key: 'conversation.gone', params: {} },
    });
  });
});
