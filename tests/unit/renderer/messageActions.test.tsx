// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageActions } from '../../../renderer/src/components/MessageActions.dom.tsx';
import { useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';
import { addWords } from '../../../shared/i18n/catalog.std.ts';
import { maytapiWords } from '../../../main/providers/maytapi/words.std.ts';

// As the page does with each provider's words from providers.list.
addWords(maytapiWords);
import type { Message } from '../../../shared/model/entities.std.ts';

afterEach(cleanup);
useWorkspace.setState({ settings: { language: 'en' } as never });

const message = (patch: Partial<Message>): Message =>
  ({ id: 7, direction: 'in', deleted: false, reactions: {}, ...patch }) as Message;

describe('message actions', () => {
  it('react with a quick emoji, and take our reaction back', () => {
    const onReact = vi.fn();
    const { rerender } = render(<MessageActions message={message({})} onReact={onReact} />);
    fireEvent.click(screen.getByRole('button', { name: 'React' }));
    fireEvent.click(screen.getByRole('button', { name: 'React with 👍' }));
    expect(onReact).toHaveBeenLastCalledWith(expect.objectContaining({ id: 7 }), '👍');
    expect(screen.queryByRole('group', { name: 'React' })).toBeNull();
    rerender(<MessageActions message={message({ reactions: { me: '👍' } })} onReact={onReact} />);
    fireEvent.click(screen.getByRole('button', { name: 'React' }));
    fireEvent.click(screen.getByRole('button', { name: 'Take back 👍' }));
    expect(onReact).toHaveBeenLastCalledWith(expect.objectContaining({ id: 7 }), null);
  });

  it('delete for everyone only our own messages that reached the provider, after asking', () => {
    const onDelete = vi.fn();
    const { rerender } = render(
      <MessageActions
        message={message({ direction: 'out', status: { tick: 'pending' } })}
        onDelete={onDelete}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Delete for everyone' })).toBeNull();
    rerender(<MessageActions message={message({ direction: 'in' })} onDelete={onDelete} />);
    expect(screen.queryByRole('button', { name: 'Delete for everyone' })).toBeNull();
    rerender(
      <MessageActions
        message={message({ direction: 'out', status: { tick: 'delivered' } })}
        onDelete={onDelete}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete for everyone' }));
    expect(screen.getByRole('alertdialog').textContent).toContain(
      'Delete this message for everyone in the chat?',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete for everyone' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledWith(expect.objectContaining({ id: 7 }));
  });

  it('offer nothing on a deleted message', () => {
    const { container } = render(
      <MessageActions
        message={message({ deleted: true })}
        onReply={vi.fn()}
        onReact={vi.fn()}
        onDelete={vi.fn()}
      />,
    );
    expect(container.textContent).toBe('');
  });
});

describe('a failed send', () => {
  it('says the core’s reason in the user’s language, and offers a retry', async () => {
    const { MessageBubble } =
      await import('../../../renderer/src/components/MessageBubble.dom.tsx');
    useWorkspace.setState({ settings: { language: 'ru' } as never });
    const onRetry = vi.fn();
    const failed = message({
      direction: 'out',
      text: 'price list',
      status: {
        tick: 'failed',
        reason:
          'Maytapi takes files from a computer only as images under 1 MB; larger files and documents need a web link.',
        reasonWords: { key: 'maytapi.imagesOnly', params: {} },
      },
    });
    render(<MessageBubble message={failed} time="10:00" onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain(
      'Maytapi принимает файлы с компьютера только как изображения до 1 МБ',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Повторить' }));
    expect(onRetry).toHaveBeenCalledWith(7);
    useWorkspace.setState({ settings: { language: 'en' } as never });
  });
});
