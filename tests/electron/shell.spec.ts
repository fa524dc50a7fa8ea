import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { tempDir } from '../helpers/cache.ts';
import { NO_ELECTRON, electronBinary } from './electronBinary.ts';

/**
 * The real shell: Electron's main process with the core and the demo, the sandboxed window,
 * the tray and native notifications. Where Electron cannot run, these skip and say why.
 */
const binary = electronBinary();
test.skip(!binary, NO_ELECTRON);
if (!binary) console.warn(`Skipping the Electron shell tests: ${NO_ELECTRON}`);

let app: ElectronApplication;
let page: Page;

/** The handles app.main.ts exposes under SWITCHBOARD_E2E. */
interface ShellHandles {
  core: { ingest(event: unknown): void; queue: { flushNow(): void } };
  window: Electron.BrowserWindow;
  notifications: (Electron.Notification & { emit(event: string): void })[];
  trayMenu(): Electron.Menu | undefined;
}
declare const switchboardShell: ShellHandles;

test.beforeAll(async () => {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  expect(built.status).toBe(0);
  app = await electron.launch({
    executablePath: binary!,
    args: ['--no-sandbox', path.resolve('.')],
    env: {
      ...process.env,
      SWITCHBOARD_E2E: '1',
      SWITCHBOARD_DATA_DIR: tempDir('switchboard-electron-'),
      SWITCHBOARD_NO_SECRET_PROMPT: '1',
    },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
});

test('the window is sandboxed, isolated and served from app://', async () => {
  expect(page.url()).toBe('app://switchboard/index.html');
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Not in Electron's typings, but what the window really runs with (not what we asked for).
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences(): Electron.WebPreferences;
    };
    const p = contents.getLastWebPreferences();
    return {
      contextIsolation: p.contextIsolation,
      sandbox: p.sandbox,
      nodeIntegration: p.nodeIntegration,
      webSecurity: p.webSecurity,
    };
  });
  expect(prefs).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
  });
  expect(
    await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
  ).toBe('undefined');
  expect(
    await page.evaluate(() =>
      Object.keys((window as unknown as { switchboard: object }).switchboard).sort(),
    ),
  ).toEqual(['invoke', 'onEvent']);
  await expect(page.getByText('Demo · ChatApp')).toBeVisible();
  // Navigation away is refused: the page stays ours.
  await page.evaluate(() => (location.href = 'https://example.com/'));
  await page.waitForTimeout(300);
  expect(page.url()).toBe('app://switchboard/index.html');
});

test('the tray menu hides and shows the window and lists the accounts', async () => {
  const labels = await app.evaluate(() => switchboardShell.trayMenu()!.items.map((i) => i.label));
  expect(labels).toEqual(
    expect.arrayContaining([
      'Hide Switchboard',
      'Mute notifications',
      'Accounts',
      'Quit Switchboard',
    ]),
  );
  await app.evaluate(() => switchboardShell.trayMenu()!.getMenuItemById('toggle')!.click());
  await expect.poll(() => app.evaluate(() => switchboardShell.window.isVisible())).toBe(false);
  await expect
    .poll(() => app.evaluate(() => switchboardShell.trayMenu()!.getMenuItemById('toggle')!.label))
    .toBe('Show Switchboard');
  await app.evaluate(() => switchboardShell.trayMenu()!.getMenuItemById('toggle')!.click());
  await expect.poll(() => app.evaluate(() => switchboardShell.window.isVisible())).toBe(true);
  const accounts = await app.evaluate(() =>
    switchboardShell
      .trayMenu()!
      .getMenuItemById('accounts')!
      .submenu!.items.map((i) => i.label),
  );
  expect(accounts.some((label) => label.startsWith('Demo · ChatApp'))).toBe(true);
});

test('a notification click brings the window forward at that conversation', async () => {
  test.skip(
    !(await app.evaluate(({ Notification }) => Notification.isSupported())),
    'This desktop session has no notification service.',
  );
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.blur());
  const before = await app.evaluate(() => switchboardShell.notifications.length);
  await app.evaluate(() => {
    const line = (
      switchboardShell.core as unknown as { cache: { accounts: { lines(): { id: string }[] } } }
    ).cache.accounts.lines()[0]!.id;
    switchboardShell.core.ingest({
      kind: 'message',
      line,
      chat: { id: 'electron-test', title: 'Notification Tester' },
      message: {
        ids: { provider: `e2e-${Date.now()}` },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: 'Ping from the test',
        time: Date.now(),
      },
    });
    switchboardShell.core.queue.flushNow();
  });
  await expect
    .poll(() => app.evaluate(() => switchboardShell.notifications.length), { timeout: 10_000 })
    .toBeGreaterThan(before);
  const title = await app.evaluate(() => switchboardShell.notifications.at(-1)!.title);
  expect(title).toContain('Notification Tester');
  await app.evaluate(() => switchboardShell.notifications.at(-1)!.emit('click'));
  await expect(page.getByRole('region', { name: 'Notification Tester' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Notification Tester' }).getByText('Ping from the test'),
  ).toBeVisible();
});
