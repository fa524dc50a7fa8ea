// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageActions } from '../../../renderer/src/components/MessageActions.dom.tsx';
import { parseDeepLink } from '../../../shared/model/deepLink.std.ts';
import type { Message } from '../../../shared/model/entities.std.ts';

const message: Message = {
  id: 9,
  conversationId: 4,
  direction: 'in',
  origin: 'contact',
  type: 'text',
  text: 'Order #5512?',
  time: 0,
  edited: false,
  deleted: false,
  reactions: {},
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('copy a link to a message', () => {
  it('puts a link on the clipboard that opens this message, and says so', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<MessageActions message={message} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy a link to this message' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Link copied'));
    const [link] = writeText.mock.calls[0] as unknown as [string];
    expect(parseDeepLink(link)).toEqual({ conversationId: 4, messageId: 9 });
  });

  it('says it could not, where the page may not write to the clipboard', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: async () => Promise.reject(new Error('denied')) },
    });
    render(<MessageActions message={message} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy a link to this message' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('The link could not be copied here'),
    );
  });
});
