import { NO_CAPABILITIES } from '../../../shared/ipc/providers.std.ts';
// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Ticks } from '../../../renderer/src/components/Ticks.dom.tsx';
import { Composer } from '../../../renderer/src/components/Composer.dom.tsx';
import { useState } from 'react';
import { LoginDialog } from '../../../renderer/src/components/LoginDialog.dom.tsx';
import type { LoginState, LoginStep } from '../../../shared/model/login.std.ts';
import { MessageBubble } from '../../../renderer/src/components/MessageBubble.dom.tsx';
import type { Message } from '../../../shared/model/entities.std.ts';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('ticks', () => {
  it.each([
    [{ tick: 'sent' as const }, 'Sent', '✓'],
    [{ tick: 'delivered' as const }, 'Delivered', '✓✓'],
    [{ tick: 'read' as const }, 'Read', '✓✓'],
  ])('shows %o as %s', (status, label, glyph) => {
    render(<Ticks status={status} />);
    expect(screen.getByRole('img', { name: label }).textContent).toBe(glyph);
  });

  it('shows a drawn clock while sending (no emoji font needed)', () => {
    render(<Ticks status={{ tick: 'pending' }} />);
    expect(
      screen.getByRole('img', { name: 'Sending' }).querySelector('svg.icon-clock'),
    ).not.toBeNull();
  });

  it('paints read ticks blue and delivered grey, and explains a failure on hover', () => {
    const { rerender } = render(<Ticks status={{ tick: 'read' }} />);
    expect(screen.getByRole('img').className).toContain('ticks-read');
    rerender(<Ticks status={{ tick: 'delivered' }} />);
    expect(screen.getByRole('img').className).not.toContain('ticks-read');
    rerender(<Ticks status={{ tick: 'failed', reason: 'Number is not on WhatsApp' }} />);
    expect(
      screen
        .getByRole('img', { name: 'Not sent: Number is not on WhatsApp' })
        .getAttribute('title'),
    ).toBe('Number is not on WhatsApp');
  });

  it('says a message went by SMS when a cascade ended there', () => {
    const { container } = render(<Ticks status={{ tick: 'delivered', via: 'sms' }} />);
    expect(screen.getByRole('img', { name: 'Delivered · by SMS' }).textContent).toBe('✓✓');
    expect(container.textContent).toContain('by SMS');
  });
});

describe('the composer', () => {
  it('sends on Enter, breaks the line on Shift+Enter, and clears after sending', async () => {
    const onSend = vi.fn(async () => undefined);
    render(<Composer conversationId={1} disabledReason={undefined} onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: 'first line' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(onSend).toHaveBeenCalledWith({ text: 'first line' }));
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps a draft per conversation, across remounts', () => {
    const { unmount } = render(
      <Composer conversationId={7} disabledReason={undefined} onSend={async () => undefined} />,
    );
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'half-written reply' } });
    unmount();
    render(
      <Composer conversationId={8} disabledReason={undefined} onSend={async () => undefined} />,
    );
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('');
    cleanup();
    render(
      <Composer conversationId={7} disabledReason={undefined} onSend={async () => undefined} />,
    );
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('half-written reply');
  });

  it('is disabled with the reason when the line is not signed in, and keeps the text if sending fails', async () => {
    const { rerender } = render(
      <Composer
        conversationId={3}
        disabledReason="This line is not signed in"
        onSend={async () => undefined}
      />,
    );
    expect(screen.getByRole('textbox')).toHaveProperty('disabled', true);
    expect(screen.getByRole('status').textContent).toBe('This line is not signed in');
    rerender(
      <Composer
        conversationId={3}
        disabledReason={undefined}
        onSend={async () => Promise.reject(new Error('The core is offline'))}
      />,
    );
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'important' } });
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The core is offline'));
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('important');
  });

  it('attaches a picked file and sends it with the caption, as base64 with its name and type', async () => {
    const onSend = vi.fn(async (_draft: unknown) => undefined);
    render(<Composer conversationId={4} disabledReason={undefined} onSend={onSend} />);
    const file = new File(['%PDF-1.4 price list'], 'prices.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file] } });
    expect(screen.getByTestId('attachment-chip').textContent).toContain('prices.pdf');
    expect(screen.getByRole('textbox')).toHaveProperty('placeholder', 'Add a caption');
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Here you go' } });
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Enter' });
    await waitFor(() => expect(onSend).toHaveBeenCalled());
    expect(onSend.mock.calls[0]![0]).toEqual({ text: 'Here you go', file });
    expect(screen.queryByTestId('attachment-chip')).toBeNull();
  });

  it('attaches a pasted screenshot, and refuses a file over the limit in words before reading it', async () => {
    const onSend = vi.fn(async (_draft: unknown) => undefined);
    render(<Composer conversationId={5} disabledReason={undefined} onSend={onSend} />);
    const shot = new File([new Uint8Array([137, 80, 78, 71])], '', { type: 'image/png' });
    fireEvent.paste(screen.getByRole('textbox'), { clipboardData: { files: [shot] } });
    expect(screen.getByTestId('attachment-chip').textContent).toContain('Pasted image.png');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSend).toHaveBeenCalled());
    expect(onSend.mock.calls[0]![0]).toMatchObject({
      text: '',
      file: expect.objectContaining({ name: 'Pasted image.png', type: 'image/png', size: 4 }),
    });

    const huge = new File(['x'], 'backup.zip', { type: 'application/zip' });
    Object.defineProperty(huge, 'size', { value: 150 * 1024 * 1024 });
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [huge] } });
    expect(screen.getByRole('alert').textContent).toBe(
      '“backup.zip” is 150 MB; files over 100 MB cannot be sent. Share a link to it instead.',
    );
    expect(screen.queryByTestId('attachment-chip')).toBeNull();
  });

  it('replies to a message: shows it above the box, sends its id, and Esc cancels', async () => {
    const onSend = vi.fn(async (_draft: unknown) => undefined);
    const onCancelReply = vi.fn();
    const quoted = {
      id: 42,
      direction: 'in',
      text: 'Do you ship to Kazan?',
      sender: { id: 's', name: 'Anna' },
    } as Message;
    render(
      <Composer
        conversationId={6}
        disabledReason={undefined}
        replyTo={quoted}
        onCancelReply={onCancelReply}
        onSend={onSend}
      />,
    );
    expect(screen.getByTestId('reply-preview').textContent).toContain('Reply to Anna');
    expect(screen.getByTestId('reply-preview').textContent).toContain('Do you ship to Kazan?');
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Yes, in 3 days' } });
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Enter' });
    await waitFor(() =>
      expect(onSend).toHaveBeenCalledWith({ text: 'Yes, in 3 days', replyTo: 42 }),
    );
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Escape' });
    expect(onCancelReply).toHaveBeenCalled();
  });
});

describe('the QR screen', () => {
  const handlers = {
    onStart: vi.fn(),
    onCancel: vi.fn(),
    onSimulateScan: vi.fn(),
    onClose: vi.fn(),
  };

  it('renders a raw QR string itself and shows a ready image as given', async () => {
    const { rerender } = render(
      <LoginDialog
        method="qr"
        onSubmit={async () => undefined}
        title="Support"
        demo={false}
        state={{ state: 'qr', qr: { kind: 'raw', value: '2@abc,def' } }}
        {...handlers}
      />,
    );
    const img = await screen.findByRole('img', { name: 'QR code to scan with WhatsApp' });
    expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    rerender(
      <LoginDialog
        method="qr"
        onSubmit={async () => undefined}
        title="Support"
        demo={false}
        state={{ state: 'qr', qr: { kind: 'image', dataUrl: 'data:image/png;base64,AAAA' } }}
        {...handlers}
      />,
    );
    await waitFor(() =>
      expect(screen.getByRole('img').getAttribute('src')).toBe('data:image/png;base64,AAAA'),
    );
  });

  it('counts down to the next code where the provider says when it expires', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      render(
        <LoginDialog
          method="qr"
          onSubmit={async () => undefined}
          title="Support"
          demo={false}
          state={{ state: 'qr', qr: { kind: 'raw', value: 'x' }, expiresAt: 1_000_000 + 20_000 }}
          {...handlers}
        />,
      );
      expect(screen.getByRole('timer').textContent).toBe('A new code in 20 s');
      act(() => void vi.advanceTimersByTime(5_000));
      expect(screen.getByRole('timer').textContent).toBe('A new code in 15 s');
      act(() => void vi.advanceTimersByTime(16_000));
      expect(screen.getByRole('timer').textContent).toBe('Getting a new code…');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a scanned code on screen, dimmed, with "linking" instead of the countdown', async () => {
    render(
      <LoginDialog
        method="qr"
        onSubmit={async () => undefined}
        title="Support"
        demo={false}
        state={{
          state: 'qr',
          qr: { kind: 'raw', value: 'x' },
          expiresAt: Date.now() + 20_000,
          scanning: true,
        }}
        {...handlers}
      />,
    );
    const img = await screen.findByRole('img', { name: 'QR code to scan with WhatsApp' });
    expect(img.className).toContain('qr-scanning');
    expect(screen.getByRole('status').textContent).toBe('Scanned. Linking the phone…');
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('walks through to connected, offers cancel while waiting and the simulated scan only in the demo', async () => {
    const { rerender } = render(
      <LoginDialog
        method="qr"
        onSubmit={async () => undefined}
        title="Support"
        demo={true}
        state={{ state: 'qr', qr: { kind: 'raw', value: 'x' } }}
        {...handlers}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Simulate scan (demo)' }));
    expect(handlers.onSimulateScan).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(handlers.onCancel).toHaveBeenCalled();
    rerender(
      <LoginDialog
        method="qr"
        onSubmit={async () => undefined}
        title="Support"
        demo={false}
        state={{ state: 'qr', qr: { kind: 'raw', value: 'x' } }}
        {...handlers}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Simulate scan (demo)' })).toBeNull();
    rerender(
      <LoginDialog
        method="qr"
        onSubmit={async () => undefined}
        title="Support"
        demo={false}
        state={{ state: 'error', reason: 'Scanned WA number does not match', retryable: true }}
        {...handlers}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('does not match');
    rerender(
      <LoginDialog
        method="qr"
        onSubmit={async () => undefined}
        title="Support"
        demo={false}
        state={{ state: 'authorized', phone: '+62 812' }}
        {...handlers}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Connected +62 812');
    act(() => void fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' }));
    expect(handlers.onClose).toHaveBeenCalled();
  });
});

describe('the phone, code and password screens', () => {
  /** A tiny stand-in for the core: the provider's next state, or its refusal on the same step. */
  function Harness({ onStep }: { onStep: (step: LoginStep) => LoginState }) {
    const [state, setState] = useState<LoginState>({ state: 'logged_out' });
    return (
      <LoginDialog
        title="Telegram"
        method="phone"
        demo={false}
        state={state}
        onStart={() => setState({ state: 'phone' })}
        onSubmit={async (step) => setState(onStep(step))}
        onCancel={() => setState({ state: 'logged_out' })}
        onSimulateScan={() => undefined}
        onClose={() => undefined}
      />
    );
  }

  it('walks phone → code (a wrong one first) → password → connected, checking each field before asking', async () => {
    const steps: LoginStep[] = [];
    render(
      <Harness
        onStep={(step) => {
          steps.push(step);
          if (step.step === 'phone') return { state: 'code', phone: step.phone };
          if (step.step === 'code')
            return step.code === '12345'
              ? { state: 'password' }
              : {
                  state: 'code',
                  phone: '+995 598 464 533',
                  error: 'The code is wrong. Check the latest code and try again.',
                };
          return { state: 'authorized', phone: '+995 598 464 533' };
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with phone number' }));
    const phone = screen.getByLabelText('Phone number');
    expect(document.activeElement).toBe(phone);
    fireEvent.change(phone, { target: { value: '12-ab' } });
    // Enabled again once the previous answer is in.
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert').textContent).toBe('Use digits only, e.g. +7 981 159 77 45.');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(phone, { target: { value: '+995 598' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert').textContent).toMatch(/10 to 15 digits/);
    expect(steps).toEqual([]);

    fireEvent.change(phone, { target: { value: '+995 598 464 533' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    const code = await screen.findByLabelText('Code');
    expect(screen.getByText(/sent to \+995 598 464 533/)).toBeTruthy();
    fireEvent.change(code, { target: { value: '00000' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The code is wrong. Check the latest code and try again.',
      ),
    );
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '12345' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    const password = await screen.findByLabelText('Password');
    expect(password.getAttribute('type')).toBe('password');
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the password.');
    fireEvent.change(password, { target: { value: 'hunter22' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Connected +995 598 464 533'),
    );
    expect(steps).toEqual([
      { step: 'phone', phone: '+995 598 464 533' },
      { step: 'code', code: '00000' },
      { step: 'code', code: '12345' },
      { step: 'password', password: 'hunter22' },
    ]);
  });

  it('can be cancelled at every step', async () => {
    render(<Harness onStep={() => ({ state: 'code' })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with phone number' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('This line is signed out.')).toBeTruthy();
  });
});

describe('message text', () => {
  const message = (text: string): Message => ({
    id: 1,
    conversationId: 1,
    direction: 'in',
    origin: 'contact',
    type: 'text',
    text,
    time: 0,
    edited: false,
    deleted: false,
    reactions: {},
  });

  it('is never markup, and only http(s) links become links', () => {
    render(
      <MessageBubble
        message={message(
          '<img src=x onerror=alert(1)> see https://shop.example/a?b=1. or javascript:alert(1)',
        )}
        time="10:00"
      />,
    );
    const bubble = screen.getByTestId('message');
    expect(bubble.querySelector('img')).toBeNull();
    expect(bubble.textContent).toContain('<img src=x onerror=alert(1)>');
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://shop.example/a?b=1']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('says what a message without text is: a call, a group notice, something it cannot show', () => {
    const bare = (type: Message['type'], origin: Message['origin'] = 'contact'): Message => ({
      id: 2,
      conversationId: 1,
      direction: 'in',
      origin,
      type,
      time: 0,
      edited: false,
      deleted: false,
      reactions: {},
    });
    const { unmount } = render(<MessageBubble message={bare('call')} time="10:00" />);
    expect(screen.getByTestId('message').textContent).toContain('📞 Call');
    unmount();
    render(<MessageBubble message={bare('system', 'system')} time="10:01" />);
    expect(screen.getByRole('note').textContent).toBe('The chat’s details changed');
  });
});

describe('adding an account', () => {
  const providers = [
    {
      kind: 'chatapp' as const,
      displayName: 'ChatApp',
      loginMethods: ['token' as const],
      realtime: 'socket' as const,
      capabilities: { ...NO_CAPABILITIES, history: true },
      words: { en: {}, ru: {} },
      fields: [
        { key: 'email', label: 'Email', kind: 'email' as const, required: true, secret: false },
        {
          key: 'password',
          label: 'Password',
          kind: 'secret' as const,
          required: true,
          secret: true,
        },
        {
          key: 'apiBase',
          label: 'API address',
          kind: 'url' as const,
          required: true,
          secret: false,
          default: 'https://api.chatapp.online',
        },
      ],
    },
  ];

  it('pre-fills defaults, asks for what is missing, and shows the core’s words on the right field', async () => {
    const { AddAccountDialog } =
      await import('../../../renderer/src/components/AddAccountDialog.dom.tsx');
    const onSubmit = vi.fn(async () => ({
      error: {
        message: 'ChatApp refused the password.',
        issues: [{ path: 'password', message: 'Wrong password' }],
      },
    }));
    render(
      <AddAccountDialog providers={providers} onSubmit={onSubmit} onClose={() => undefined} />,
    );
    fireEvent.click(screen.getByRole('button', { name: /ChatApp/ }));
    expect((screen.getByLabelText('API address *') as HTMLInputElement).value).toBe(
      'https://api.chatapp.online',
    );
    expect(screen.getByText('Advanced: server addresses').closest('details')?.open).toBe(false);
    expect(screen.getByLabelText('Password *').getAttribute('type')).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Check and save' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText('Required')).toHaveLength(2);

    fireEvent.change(screen.getByLabelText('Email *'), { target: { value: 'me@shop.example' } });
    fireEvent.change(screen.getByLabelText('Password *'), { target: { value: 'hunter2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and save' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('ChatApp refused the password.'),
    );
    expect(onSubmit).toHaveBeenCalledWith(
      'chatapp',
      'ChatApp',
      { email: 'me@shop.example', apiBase: 'https://api.chatapp.online' },
      { password: 'hunter2' },
    );
    expect(screen.getByLabelText('Password *').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Wrong password')).toBeTruthy();
  });
});

describe('a yes/no account setting', () => {
  it('is a switch that sends the provider’s own spelling, not a text box holding "no"', async () => {
    const { AddAccountDialog } =
      await import('../../../renderer/src/components/AddAccountDialog.dom.tsx');
    const { chategyPlugin } = await import('../../../main/providers/chategy/plugin.node.ts');
    const onSubmit = vi.fn(async () => ({}));
    render(
      <AddAccountDialog
        providers={[chategyPlugin.descriptor]}
        onSubmit={onSubmit}
        onClose={() => undefined}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Chategy/ }));
    const sms = screen.getByRole('switch', { name: 'Fall back to SMS' }) as HTMLInputElement;
    expect(sms.checked).toBe(false);
    expect(screen.queryByDisplayValue('no')).toBeNull();
    fireEvent.click(sms);
    expect(sms.checked).toBe(true);
    for (const field of chategyPlugin.descriptor.fields.filter((f) => f.required && !f.default))
      fireEvent.change(screen.getByLabelText(`${field.label} *`), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and save' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    const config = (
      onSubmit.mock.calls[0] as unknown as [string, string, Record<string, string>]
    )[2];
    expect(config.smsFallback).toBe('yes');
  });
});

describe('search highlighting', () => {
  it('marks each hit, keeps the rest as text, and never renders markup from the snippet', async () => {
    const { Highlighted } = await import('../../../renderer/src/components/Highlighted.dom.tsx');
    const { container } = render(
      <p>
        <Highlighted snippet={'…order \uE000заказ\uE001 <b>bold</b> and \uE000заказ\uE001 again'} />
      </p>,
    );
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'заказ',
      'заказ',
    ]);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('…order заказ <b>bold</b> and заказ again');
  });

  it('survives an unterminated mark', async () => {
    const { Highlighted } = await import('../../../renderer/src/components/Highlighted.dom.tsx');
    const { container } = render(
      <p>
        <Highlighted snippet={'a \uE000b'} />
      </p>,
    );
    expect(container.querySelector('mark')?.textContent).toBe('b');
  });
});

describe('the search panel', () => {
  it('says when the index is still catching up, and not otherwise', async () => {
    const { SearchPanel } = await import('../../../renderer/src/components/SearchPanel.dom.tsx');
    const hit = {
      message: { id: 5, text: 'order 5', time: 1_700_000_000_000 } as Message,
      conversationId: 1,
      conversationTitle: 'Anna',
      snippet: '\uE000order\uE001 5',
    };
    const search = vi
      .fn()
      .mockResolvedValueOnce({ hits: [hit], indexing: true })
      .mockResolvedValueOnce({ hits: [hit], indexing: false });
    render(<SearchPanel search={search} onOpen={() => undefined} focusSignal={0} />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search messages' }), {
      target: { value: 'order' },
    });
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Search is still indexing messages; some results may be missing.',
    );
    expect(screen.getAllByTestId('search-hit')).toHaveLength(1);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search messages' }), {
      target: { value: 'order 5' },
    });
    await waitFor(() => expect(search).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(screen.getAllByTestId('search-hit')).toHaveLength(1);
  });
});

describe('the search panel when search cannot run', () => {
  it('says the core is offline, or why search failed, never "Nothing found."', async () => {
    const { SearchPanel } = await import('../../../renderer/src/components/SearchPanel.dom.tsx');
    const { useWorkspace } = await import('../../../renderer/src/store/workspace.dom.ts');
    useWorkspace.setState({ status: 'closed' });
    const search = vi
      .fn()
      .mockRejectedValueOnce(new Error('The connection to the core is closed.'))
      .mockRejectedValueOnce(new Error('The cache is locked by another program.'));
    render(<SearchPanel search={search} onOpen={() => undefined} focusSignal={0} />);
    const box = screen.getByRole('searchbox', { name: 'Search messages' });
    fireEvent.change(box, { target: { value: 'order' } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Search is unavailable while Switchboard’s core is offline. It works again once the core is back.',
    );
    expect(screen.queryByText('Nothing found.')).toBeNull();
    useWorkspace.setState({ status: 'open' });
    fireEvent.change(box, { target: { value: 'order 5' } });
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Search failed: The cache is locked by another program.',
      ),
    );
  });
});

describe('account notices', () => {
  it('says the provider’s warnings in the user’s language', async () => {
    const { useWorkspace } = await import('../../../renderer/src/store/workspace.dom.ts');
    const { AccountSidebar } =
      await import('../../../renderer/src/components/AccountSidebar.dom.tsx');
    useWorkspace.setState({
      accounts: [
        {
          id: 'a',
          provider: 'chategy',
          label: 'Shop',
          demo: false,
          connection: { state: 'online' },
        } as never,
      ],
      lines: [],
      notices: {
        a: {
          balance: '40.00',
          paidUntil: '2027-07-01',
          warnings: [
            { code: 'balance_low', balance: '40.00', cost: '100.00' },
            { code: 'subscription_inactive' },
          ],
        },
      },
      settings: { language: 'ru' } as never,
    });
    render(
      <AccountSidebar
        onLineClick={() => undefined}
        onAddAccount={() => undefined}
        onSettings={() => undefined}
        onScope={() => undefined}
        onMute={() => undefined}
      />,
    );
    expect(screen.getByText(/Баланс: 40.00 · оплачено до 1 июля 2027 г./)).toBeTruthy();
    expect(screen.getAllByRole('note').map((n) => n.textContent)).toEqual([
      '⚠ Баланс (40.00) меньше стоимости подписки (100.00). Пополните его до продления.',
      '⚠ Подписка не активна: сообщения не отправятся, пока вы не продлите её в личном кабинете провайдера.',
    ]);
  });
});
