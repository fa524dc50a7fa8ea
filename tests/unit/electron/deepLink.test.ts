import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, deepLinkOf, parseDeepLink } from '../../../shared/model/deepLink.std.ts';

describe('switchboard:// links', () => {
  it('open a conversation, optionally at one message', () => {
    expect(parseDeepLink('switchboard://conversation/42')).toEqual({ conversationId: 42 });
    expect(parseDeepLink('switchboard://conversation/42/')).toEqual({ conversationId: 42 });
    expect(parseDeepLink('switchboard://conversation/42?message=9001')).toEqual({
      conversationId: 42,
      messageId: 9001,
    });
    expect(parseDeepLink(deepLinkOf({ conversationId: 7, messageId: 8 }))).toEqual({
      conversationId: 7,
      messageId: 8,
    });
  });

  it('refuse anything else', () => {
    for (const link of [
      'switchboard://conversation/',
      'switchboard://conversation/0',
      'switchboard://conversation/-1',
      'switchboard://conversation/4.5',
      'switchboard://conversation/42?message=abc',
      'switchboard://conversation/1e9',
      'switchboard://settings/42',
      'https://conversation/42',
      'switchboard:conversation/42',
      'not a link',
    ]) {
      expect(parseDeepLink(link), link).toBeNull();
    }
  });

  it('are found among the arguments of a launch (Windows and Linux)', () => {
    expect(
      deepLinkInArgv(['/opt/Switchboard/switchboard', '--hidden', 'switchboard://conversation/5']),
    ).toEqual({ conversationId: 5 });
    expect(deepLinkInArgv(['/opt/Switchboard/switchboard', '--hidden'])).toBeNull();
  });
});
