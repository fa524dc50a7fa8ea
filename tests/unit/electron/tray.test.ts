import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import type { Core } from '../../../main/core/core.node.ts';
import { bindTray } from '../../../main/electron/tray.main.ts';
import { followCore } from '../../../main/coreHost/shellView.node.ts';
import {
  trayMenu,
  trayTooltip,
  type TrayActions,
  type TrayView,
} from '../../../main/electron/trayMenu.main.ts';
import { customerSays, shopCore } from '../../helpers/core.ts';
import { until } from '../../integration/chatapp/harness.ts';

const view = (patch: Partial<TrayView> = {}): TrayView => ({
  language: 'en',
  windowVisible: true,
  unread: 0,
  doNotDisturbUntil: 0,
  accounts: [],
  ...patch,
});
const actions = () =>
  ({
    toggleWindow: vi.fn(),
    muteUntil: vi.fn<(epochMs: number) => void>(),
    openAccount: vi.fn<(id: string) => void>(),
    quit: vi.fn(),
  }) satisfies TrayActions;
const item = (menu: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions => {
  for (const entry of menu) {
    if (entry.id === id) return entry;
    const inner = Array.isArray(entry.submenu) ? entry.submenu : [];
    const found = inner.find((e) => e.id === id);
    if (found) return found;
  }
  throw new Error(`no menu item ${id}`);
};
const click = (entry: MenuItemConstructorOptions) => (entry.click as () => void)();

describe('the tray menu', () => {
  it('offers show/hide, the unread count, mute for an hour or until tomorrow, each account’s state and quit', () => {
    const a = actions();
    const now = new Date(2026, 10, 21, 15, 30).getTime();
    vi.useFakeTimers({ now });
    try {
      const menu = trayMenu(
        view({
          unread: 3,
          accounts: [
            { id: 'x', label: 'Shop', state: 'online' },
            { id: 'y', label: 'Agency', state: 'auth_error' },
          ],
        }),
        a,
        now,
      );
      expect(item(menu, 'toggle').label).toBe('Hide Switchboard');
      expect(item(menu, 'unread')).toMatchObject({ label: '3 unread messages', enabled: false });
      expect(item(menu, 'account-x').label).toBe('Shop — online');
      expect(item(menu, 'account-y').label).toBe('Agency — sign-in needed');
      click(item(menu, 'mute-hour'));
      expect(a.muteUntil).toHaveBeenLastCalledWith(now + 3_600_000);
      click(item(menu, 'mute-tomorrow'));
      expect(a.muteUntil).toHaveBeenLastCalledWith(new Date(2026, 10, 22, 8, 0).getTime());
      click(item(menu, 'account-y'));
      expect(a.openAccount).toHaveBeenCalledWith('y');
      click(item(menu, 'toggle'));
      expect(a.toggleWindow).toHaveBeenCalledOnce();
      click(item(menu, 'quit'));
      expect(a.quit).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers to unmute while muted, and speaks Russian when the user chose it', () => {
    const a = actions();
    const now = Date.now();
    const menu = trayMenu(
      view({ language: 'ru', windowVisible: false, doNotDisturbUntil: now + 60_000 }),
      a,
      now,
    );
    expect(item(menu, 'toggle').label).toBe('Показать Switchboard');
    expect(item(menu, 'unmute').label).toMatch(/^Включить уведомления/);
    expect(() => item(menu, 'mute')).toThrow();
    click(item(menu, 'unmute'));
    expect(a.muteUntil).toHaveBeenCalledWith(0);
    expect(item(menu, 'no-accounts')).toMatchObject({
      label: 'Аккаунтов пока нет',
      enabled: false,
    });
    expect(trayTooltip({ language: 'en', unread: 0 })).toBe('Switchboard');
    expect(trayTooltip({ language: 'ru', unread: 5 })).toBe(
      'Switchboard — 5 непрочитанных сообщений',
    );
  });
});

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('the tray icon', () => {
  it('follows unread messages, do-not-disturb and accounts from the core', async () => {
    const core = shopCore(cores, [{ providerLineId: 'wa', messenger: 'whatsapp' }]);
    const idle = { name: 'idle' } as unknown as NativeImage;
    const count = (n: number) => ({ name: `count-${n}` }) as unknown as NativeImage;
    const menus: MenuItemConstructorOptions[][] = [];
    const tray = {
      setContextMenu: vi.fn(),
      setToolTip: vi.fn(),
      setImage: vi.fn(),
      setTitle: vi.fn(),
      on: vi.fn(),
      destroy: vi.fn(),
    };
    const a = actions();
    const binding = bindTray(
      await followCore(core),
      {
        tray,
        buildMenu: (t) => (menus.push(t), {} as Menu),
        icons: { idle, count },
        windowVisible: () => true,
        platform: 'linux',
      },
      a,
      5,
    );
    expect(tray.setImage).toHaveBeenLastCalledWith(idle);
    expect(item(menus.at(-1)!, 'account-a').label).toBe('Shop — offline');

    customerSays(core, 'wa', 'c1', 'm1');
    core.queue.flushNow();
    await until(
      () => (tray.setImage.mock.lastCall?.[0] as { name?: string } | undefined)?.name === 'count-1',
      'the icon with the count',
    );
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Switchboard — 1 unread message');

    click(item(menus.at(-1)!, 'mute-hour'));
    const until1h = a.muteUntil.mock.lastCall![0] as number;
    await core.call('settings.set', { doNotDisturbUntil: until1h });
    await until(
      () => menus.at(-1)!.some((m) => m.id === 'unmute'),
      'the unmute item after settings.changed',
    );

    const { items } = await core.call('conversations.list', { limit: 10 });
    await core.call('conversations.markRead', { id: items[0]!.id });
    await until(() => tray.setImage.mock.lastCall?.[0] === idle, 'the idle icon once read');
    expect(tray.setTitle).not.toHaveBeenCalled();
    binding.dispose();
    expect(tray.destroy).toHaveBeenCalled();
  });

  it('shows the count as text beside the macOS menu-bar icon', async () => {
    const core = shopCore(cores, [{ providerLineId: 'wa', messenger: 'whatsapp' }]);
    const tray = {
      setContextMenu: vi.fn(),
      setToolTip: vi.fn(),
      setImage: vi.fn(),
      setTitle: vi.fn(),
      on: vi.fn(),
      destroy: vi.fn(),
    };
    const binding = bindTray(
      await followCore(core),
      {
        tray,
        buildMenu: () => ({}) as Menu,
        icons: { idle: {} as NativeImage, count: () => ({}) as NativeImage },
        windowVisible: () => true,
        platform: 'darwin',
      },
      actions(),
      5,
    );
    for (let i = 0; i < 12; i++) customerSays(core, 'wa', `c${i}`, `m${i}`);
    core.queue.flushNow();
    await until(() => tray.setTitle.mock.lastCall?.[0] === '12', 'the count as text');
    expect(tray.setImage).not.toHaveBeenCalled();
    binding.dispose();
  });

  it('toggles the window on a left click outside macOS', async () => {
    const core = shopCore(cores, []);
    const handlers: Record<string, () => void> = {};
    const tray = {
      setContextMenu: vi.fn(),
      setToolTip: vi.fn(),
      setImage: vi.fn(),
      setTitle: vi.fn(),
      on: vi.fn((e: string, h: () => void) => (handlers[e] = h)),
      destroy: vi.fn(),
    };
    const a = actions();
    const binding = bindTray(
      await followCore(core),
      {
        tray: tray as never,
        buildMenu: () => ({}) as Menu,
        icons: { idle: {} as NativeImage, count: () => ({}) as NativeImage },
        windowVisible: () => false,
        platform: 'linux',
      },
      a,
      5,
    );
    handlers.click!();
    expect(a.toggleWindow).toHaveBeenCalledOnce();
    expect(tray.setTitle).not.toHaveBeenCalled();
    binding.dispose();
  });
});
