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
  /** The supervisor of the core's utilityProcess. */
  core: { pid: number | undefined; state: string; restarts: number };
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
  // The demo's customers write every few seconds; each new message is a notification.
  const before = await app.evaluate(() => switchboardShell.notifications.length);
  await expect
    .poll(() => app.evaluate(() => switchboardShell.notifications.length), { timeout: 40_000 })
    .toBeGreaterThan(before);
  const { title, body } = await app.evaluate(() => {
    const n = switchboardShell.notifications.at(-1)!;
    return { title: n.title, body: n.body };
  });
  const contact = title.split(' · ')[0]!;
  await app.evaluate(() => switchboardShell.notifications.at(-1)!.emit('click'));
  const region = page.getByRole('region', { name: contact });
  await expect(region).toBeVisible();
  await expect(region.getByText(body).last()).toBeVisible();
});

test('the core runs in its own process, and a killed core comes back while the window stays', async () => {
  const pid = await app.evaluate(() => switchboardShell.core.pid);
  expect(pid).toBeGreaterThan(0);
  expect(pid).not.toBe(await app.evaluate(() => process.pid));
  process.kill(pid!, 'SIGKILL');
  await expect
    .poll(() => app.evaluate(() => switchboardShell.core.restarts), { timeout: 10_000 })
    .toBe(1);
  await expect
    .poll(() => app.evaluate(() => switchboardShell.core.state), { timeout: 20_000 })
    .toBe('ready');
  await expect(page.getByText(/core is offline/)).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('navigation', { name: 'Accounts' })).toContainText('Demo · ChatApp');
});
