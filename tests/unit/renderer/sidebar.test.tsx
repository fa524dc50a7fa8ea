// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';
import { AccountSidebar } from '../../../renderer/src/components/AccountSidebar.dom.tsx';
import type { Line } from '../../../shared/model/entities.std.ts';

afterEach(cleanup);

const line = (id: string, accountId: string, title: string, muted = false): Line =>
  ({
    id,
    accountId,
    providerLineId: id,
    messenger: 'whatsapp',
    title,
    login: { state: 'authorized' },
    muted,
  }) as Line;

function setup() {
  useWorkspace.setState({
    accounts: [
      {
        id: 'shop',
        provider: 'chatapp',
        label: 'Shop',
        demo: false,
        connection: { state: 'online' },
        config: {},
        createdAt: 1,
      },
      {
        id: 'agency',
        provider: 'maytapi',
        label: 'Agency',
        demo: false,
        connection: { state: 'online' },
        config: {},
        createdAt: 2,
      },
    ],
    lines: [
      line('shop/wa', 'shop', 'Shop WhatsApp'),
      line('shop/tg', 'shop', 'Shop Telegram', true),
      line('agency/wa', 'agency', 'Agency WhatsApp'),
    ],
    notices: {},
    scope: null,
    unread: { total: 7, lines: { 'shop/wa': 3, 'shop/tg': 5, 'agency/wa': 4 } },
    settings: { language: 'en' } as never,
  });
  const props = {
    onLineClick: vi.fn(),
    onAddAccount: vi.fn(),
    onSettings: vi.fn(),
    onScope: vi.fn(),
    onMute: vi.fn(),
  };
  render(<AccountSidebar {...props} />);
  return props;
}

describe('the account sidebar', () => {
  it('says beside each line where its sign-in stands: a step to take, waiting, or not signed in', () => {
    setup();
    const withLogin = (id: string, login: Line['login']) => ({
      ...useWorkspace.getState().lines.find((l) => l.id === id)!,
      login,
    });
    act(() =>
      useWorkspace.setState({
        lines: [
          withLogin('shop/wa', { state: 'code' }),
          withLogin('shop/tg', {
            state: 'logged_out',
            reason: 'Not signed in. Start signing in to show a QR code.',
          }),
          withLogin('agency/wa', { state: 'authorized' }),
        ],
      }),
    );
    const label = (name: string) =>
      screen
        .getAllByTestId('line')
        .find((b) => b.textContent?.includes(name))
        ?.querySelector('.line-state')?.textContent ?? null;
    expect(label('Shop WhatsApp')).toBe('Waiting for the code');
    expect(label('Shop Telegram')).toBe('Not signed in');
    expect(label('Agency WhatsApp')).toBeNull();
  });

  it('shows unread counts for all accounts, each account (muted lines left out) and each line', () => {
    setup();
    const all = screen.getByRole('button', { name: /All accounts/ });
    expect(within(all).getByLabelText('7 unread').textContent).toBe('7');
    expect(all.getAttribute('aria-current')).toBe('page');
    const shop = screen.getByRole('button', { name: /^Shop online/i });
    expect(within(shop).getByLabelText('3 unread')).toBeTruthy();
    const muted = screen.getByRole('button', { name: /^WhatsApp Shop Telegram/ });
    expect(within(muted).getByLabelText('5 unread').className).toContain('unread-muted');
  });

  it('narrows the list to one account and back to all', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('button', { name: /^Agency online/i }));
    expect(props.onScope).toHaveBeenLastCalledWith('agency');
    fireEvent.click(screen.getByRole('button', { name: /All accounts/ }));
    expect(props.onScope).toHaveBeenLastCalledWith(null);
  });

  it('mutes and unmutes a line with a labelled toggle', () => {
    const props = setup();
    const mute = screen.getByRole('button', { name: 'Mute notifications from Shop WhatsApp' });
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(mute);
    expect(props.onMute).toHaveBeenCalledWith('shop/wa', true);
    const unmute = screen.getByRole('button', { name: 'Unmute Shop Telegram' });
    expect(unmute.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(unmute);
    expect(props.onMute).toHaveBeenLastCalledWith('shop/tg', false);
  });
});

describe('signing a line out', () => {
  it('asks first, says what it means, and can be cancelled', async () => {
    const { LoginDialog } = await import('../../../renderer/src/components/LoginDialog.dom.tsx');
    const onLogout = vi.fn();
    const noop = () => undefined;
    render(
      <LoginDialog
        title="Shop WhatsApp"
        method="qr"
        demo={false}
        state={{ state: 'authorized', phone: '+7 900' }}
        onStart={noop}
        onSubmit={async () => undefined}
        onCancel={noop}
        onSimulateScan={noop}
        onClose={noop}
        onLogout={onLogout}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('alertdialog').textContent).toContain(
      'Sign Shop WhatsApp out? Messages stop arriving',
    );
    expect(onLogout).not.toHaveBeenCalled();
    fireEvent.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }),
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    fireEvent.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Sign out' }),
    );
    expect(onLogout).toHaveBeenCalledOnce();
  });
});

describe('a line’s sign-in state from the core', () => {
  it('is said in the user’s language', async () => {
    const { LoginDialog } = await import('../../../renderer/src/components/LoginDialog.dom.tsx');
    const { loginSaid } = await import('../../../shared/model/login.std.ts');
    const { words } = await import('../../../shared/words/coreWords.std.ts');
    useWorkspace.setState({ settings: { language: 'ru' } as never });
    const noop = () => undefined;
    const props = {
      title: 'Продажи',
      method: 'qr' as const,
      demo: false,
      onStart: noop,
      onSubmit: async () => undefined,
      onCancel: noop,
      onSimulateScan: noop,
      onClose: noop,
    };
    const { rerender } = render(
      <LoginDialog {...props} state={loginSaid.error(words('login.qrExpired'), true)} />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'QR-код истёк, его не отсканировали. Перезапустите сессию, чтобы получить новый.',
    );
    rerender(<LoginDialog {...props} state={loginSaid.connecting(words('login.fetchingQr'))} />);
    expect(screen.getByRole('status').textContent).toBe('Получаем QR-код…');
    // A reason the provider wrote itself stays as written.
    rerender(
      <LoginDialog
        {...props}
        state={{ state: 'error', reason: 'Scanned WA number does not match', retryable: true }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Scanned WA number does not match');
    useWorkspace.setState({ settings: { language: 'en' } as never });
  });
});

describe('the desktop settings', () => {
  it('say where account secrets are, and offer to store them anyway only without a keyring', async () => {
    const { SettingsDialog } =
      await import('../../../renderer/src/components/SettingsDialog.dom.tsx');
    const { DEFAULT_SETTINGS } = await import('../../../shared/model/settings.std.ts');
    useWorkspace.setState({ settings: DEFAULT_SETTINGS });
    const onStore = vi.fn();
    const noop = () => undefined;
    const { rerender } = render(
      <SettingsDialog
        settings={DEFAULT_SETTINGS}
        desktop
        secrets={{ where: 'memory', choosable: true }}
        onStoreWithoutKeyring={onStore}
        onChange={noop}
        onClose={noop}
      />,
    );
    expect(screen.getByTestId('secret-storage').textContent).toContain('kept in memory only');
    fireEvent.click(screen.getByRole('checkbox', { name: /Store them anyway/ }));
    expect(onStore).toHaveBeenCalledWith(true);
    rerender(
      <SettingsDialog
        settings={DEFAULT_SETTINGS}
        desktop
        secrets={{ where: 'keychain', choosable: false }}
        onStoreWithoutKeyring={onStore}
        onChange={noop}
        onClose={noop}
      />,
    );
    expect(screen.getByTestId('secret-storage').textContent).toContain(
      'locked in this computer’s keychain',
    );
    expect(screen.queryByRole('checkbox', { name: /Store them anyway/ })).toBeNull();
  });

  it('say where the log file is', async () => {
    const { SettingsDialog } =
      await import('../../../renderer/src/components/SettingsDialog.dom.tsx');
    const { DEFAULT_SETTINGS } = await import('../../../shared/model/settings.std.ts');
    useWorkspace.setState({ settings: DEFAULT_SETTINGS });
    render(
      <SettingsDialog
        settings={DEFAULT_SETTINGS}
        logFile="/home/ana/.config/Switchboard/logs/switchboard.log"
        onChange={() => undefined}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByTestId('log-file').textContent).toBe(
      'The log (for reports of a problem): /home/ana/.config/Switchboard/logs/switchboard.log',
    );
  });
});

describe('the rail’s initials', () => {
  it('tell accounts with a shared prefix apart', async () => {
    const { railInitials } =
      await import('../../../renderer/src/components/AccountSidebar.dom.tsx');
    expect(
      ['Demo · ChatApp', 'Demo · MultiWA', 'Demo · Maytapi', 'Demo · Chategy'].map(railInitials),
    ).toEqual(['CA', 'MW', 'Ma', 'Ch']);
    expect(railInitials('Olga Shop')).toBe('OS');
    expect(railInitials('магазин')).toBe('Ма');
  });
});

describe('a contact’s initials', () => {
  it('come from the name’s words, not from a number beside it', async () => {
    const { initialsOf } = await import('../../../renderer/src/components/Avatar.dom.tsx');
    expect(initialsOf('Anna Petrova')).toBe('AP');
    expect(initialsOf('Customer 0006')).toBe('C');
    expect(initialsOf('Ольга (постоянный клиент)')).toBe('ОК');
    expect(initialsOf('+7 900 123-45-67')).toBe('7');
    expect(initialsOf('  ')).toBe('#');
  });
});

describe('the keyboard shortcuts', () => {
  it('are listed in Settings, in the user’s language', async () => {
    const { SettingsDialog } =
      await import('../../../renderer/src/components/SettingsDialog.dom.tsx');
    const { DEFAULT_SETTINGS } = await import('../../../shared/model/settings.std.ts');
    const noop = () => undefined;
    for (const [language, title, search] of [
      ['en', 'Keyboard shortcuts', 'Search everywhere'],
      ['ru', 'Сочетания клавиш', 'Поиск по всем чатам'],
    ] as const) {
      const settings = { ...DEFAULT_SETTINGS, language };
      useWorkspace.setState({ settings });
      render(<SettingsDialog settings={settings} desktop={false} onChange={noop} onClose={noop} />);
      const group = screen.getByRole('group', { name: title });
      expect(within(group).getByText('Ctrl+K')).toBeTruthy();
      expect(within(group).getByText(search)).toBeTruthy();
      expect(within(group).getByText('Alt+↑ / Alt+↓')).toBeTruthy();
      cleanup();
    }
  });
});

describe('an account whose sends fail', () => {
  it('says "Sending fails" instead of "Online", with how many did not go and why', () => {
    setup();
    act(() =>
      useWorkspace.setState((s) => ({
        accounts: s.accounts.map((a) =>
          a.id === 'agency'
            ? {
                ...a,
                sending: {
                  unsent: 3,
                  reason: 'Daily sending limit reached.',
                },
              }
            : a,
        ),
      })),
    );
    const head = (label: RegExp) =>
      screen
        .getAllByRole('button', { name: label })
        .find((b) => b.classList.contains('sidebar-account-head'))!;
    const agency = head(/Agency/);
    expect(within(agency).queryByText('Online')).toBeNull();
    const badge = within(agency).getByText('Sending fails');
    expect(badge.closest('.badge')?.textContent).toContain(
      '3 messages not sent: Daily sending limit reached.',
    );
    const shop = head(/Shop/);
    expect(within(shop).getByText('Online')).toBeTruthy();
  });
});
