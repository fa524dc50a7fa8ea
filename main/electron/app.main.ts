import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { CoreStartError, CoreSupervisor } from '../coreHost/coreSupervisor.node.ts';
import { request } from '../core/endpoint.node.ts';
import { followCore } from '../coreHost/shellView.node.ts';
import { spawnUtilityCore } from './utilityCore.main.ts';
import type { EventPayload } from '../../shared/ipc/contract.std.ts';
import { EVENT_CHANNEL } from '../../shared/ipc/preloadApi.std.ts';
import { registerIpc } from './ipc.main.ts';
import { openSecretStore } from './secrets.main.ts';
import { bindBadge } from './badge.main.ts';
import { isSafeExternalUrl, secureWindowOptions } from './window.main.ts';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  RENDERER_URL,
  appResponseHeaders,
  resolveAppRequest,
} from './appProtocol.main.ts';
import {
  DEEP_LINK_SCHEME,
  deepLinkInArgv,
  parseDeepLink,
} from '../../shared/model/deepLink.std.ts';
import { restoredBounds, trackWindowState } from './windowState.main.ts';
import { openShellStore } from './shellStore.main.ts';
import { bindTray } from './tray.main.ts';
import { bindNotifications, type DesktopNotification } from './notifications.main.ts';
import { onWindowClose } from './closeToTray.main.ts';
import { HIDDEN_ARG, applyStartAtLogin, xdgAutostartDir } from './loginItem.main.ts';
import { importAutoUpdater, startUpdater } from './updater.main.ts';
import { shellStrings } from './shellStrings.main.ts';
import { keepServingOnUnexpectedErrors } from '../core/lastResort.node.ts';
import { closeLogFile, openLogFileSafely } from '../log/logFile.node.ts';

/** The Electron shell: a thin carrier for the core and the renderer. */
const APP_ID = 'online.switchboard.desktop';
const root = app.getAppPath();
const assets = (name: string) => path.join(root, 'assets', name);

// A test or a second profile can keep its data apart.
if (process.env.SWITCHBOARD_DATA_DIR)
  app.setPath('userData', path.resolve(process.env.SWITCHBOARD_DATA_DIR));
keepServingOnUnexpectedErrors();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  let win: BrowserWindow | undefined;
  let rendererReady = false;
  let quitting = false;
  let pendingOpen: EventPayload<'ui.open'> | null = deepLinkInArgv(process.argv);
  const memory = openShellStore();

  const send = (payload: EventPayload<'ui.open'>) => {
    if (win && rendererReady && !win.webContents.isDestroyed())
      win.webContents.send(EVENT_CHANNEL, 'ui.open', payload);
    else pendingOpen = payload;
  };
  const showWindow = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const open = (payload: EventPayload<'ui.open'> | null) => {
    showWindow();
    if (payload) send(payload);
  };

  if (process.defaultApp && process.argv[1])
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [
      path.resolve(process.argv[1]),
    ]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  app.on('second-instance', (_event, argv) => open(deepLinkInArgv(argv)));
  // macOS delivers links as an event, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    open(parseDeepLink(url));
  });
  app.on('activate', showWindow);
  app.on('before-quit', () => (quitting = true));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    const rendererRoot = path.join(root, 'dist/renderer');
    // The shell's own log; the core writes switchboard.log from its process.
    openLogFileSafely(app.getPath('userData'), { name: 'shell.log' });
    const secrets = openSecretStore();
    // The core runs in a utilityProcess: its SQL and provider traffic never hold this thread.
    const core = new CoreSupervisor({
      spawn: () => spawnUtilityCore(path.join(root, 'dist/main/coreProcess.cjs')),
      dataDir: app.getPath('userData'),
      start: () => ({
        version: app.getVersion(),
        electron: true,
        demo: true,
        repairCache: false,
        secrets: {
          entries: secrets.entries(),
          persistent: secrets.persistent,
          storage: secrets.storage(),
        },
      }),
      secrets,
    });
    try {
      try {
        await core.start();
      } catch (error) {
        if (!(error instanceof CoreStartError) || error.problem !== 'corrupt') throw error;
        // Said in words, the damaged file kept; rebuilding is the user's choice.
        const choice = dialog.showMessageBoxSync({
          type: 'error',
          title: 'Switchboard',
          message: 'The message cache is damaged',
          detail: error.message,
          buttons: ['Rebuild', 'Quit'],
          defaultId: 0,
          cancelId: 1,
        });
        if (choice !== 0) throw error;
        await core.start({ repairCache: true });
      }
    } catch (error) {
      dialog.showErrorBox(
        'Switchboard could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
      return;
    }
    const view = await followCore(core);
    const mediaDir = core.mediaDir;
    protocol.handle(APP_SCHEME, async (request) => {
      const found = resolveAppRequest(request.url, rendererRoot, mediaDir);
      if (!found) return new Response('Not found', { status: 404 });
      try {
        return new Response(await fs.promises.readFile(found.file), {
          headers: appResponseHeaders(found),
        });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });
    registerIpc(ipcMain, core, RENDERER_URL, () => (win ? [win.webContents] : []));
    bindBadge(view, (count) => app.setBadgeCount(count));

    const saved = memory.get('windowState');
    win = new BrowserWindow({
      ...secureWindowOptions(
        path.join(root, 'dist/main/preload.cjs'),
        restoredBounds(
          saved,
          screen.getAllDisplays().map((d) => d.workArea),
        ),
      ),
      icon: assets('icon.png'),
    });
    trackWindowState(win, (state) => memory.set('windowState', state));
    const window = win;
    // Maximising shows a window, so it waits for the first show (at once, or from the tray when started hidden).
    if (saved?.maximized) window.once('show', () => window.maximize());

    let trayMenu: Menu | undefined;
    const tray = new Tray(nativeImage.createFromPath(assets('tray.png')));
    const trayBinding = bindTray(
      view,
      {
        tray,
        buildMenu: (template) => (trayMenu = Menu.buildFromTemplate(template)),
        icons: {
          idle: nativeImage.createFromPath(assets('tray.png')),
          count: (n) =>
            nativeImage.createFromPath(assets(n > 9 ? 'tray-9plus.png' : `tray-${n}.png`)),
        },
        windowVisible: () => window.isVisible(),
        platform: process.platform,
      },
      {
        toggleWindow: () =>
          window.isVisible() && window.isFocused() ? window.hide() : showWindow(),
        muteUntil: (until) =>
          void request(core, 'settings.set', { doNotDisturbUntil: until }).catch((error: unknown) =>
            console.warn(`mute from the tray failed: ${String(error)}`),
          ),
        openAccount: (accountId) => open({ accountId }),
        quit: () => app.quit(),
      },
    );
    window.on('show', trayBinding.refresh);
    window.on('hide', trayBinding.refresh);
    if (process.platform === 'win32') {
      const dot = nativeImage.createFromPath(assets('overlay-unread.png'));
      bindBadge(view, (count) =>
        window.setOverlayIcon(
          count ? dot : null,
          count ? shellStrings(view.settings().language).unread(count) : '',
        ),
      );
    }

    window.on('close', (event) => {
      const decision = onWindowClose({
        quitting,
        closeToTray: view.settings().closeToTray,
        hasTray: true,
        hintShown: memory.get('trayHintShown') === true,
      });
      if (!decision.keepRunning) return;
      event.preventDefault();
      window.hide();
      if (decision.showHint && Notification.isSupported()) {
        const words = shellStrings(view.settings().language);
        new Notification({
          title: words.stillRunningTitle,
          body: words.stillRunningBody,
          icon: assets('icon.png'),
        }).show();
        memory.set('trayHintShown', true);
      }
    });

    const created: DesktopNotification[] = [];
    bindNotifications(view, {
      isSupported: () => Notification.isSupported(),
      create: (options) => {
        const n = new Notification(options);
        if (process.env.SWITCHBOARD_E2E) created.push(n);
        return n;
      },
      // As WhatsApp does: the chat opens at its newest messages, the unread ones under their divider.
      open: (target) => open({ conversationId: target.conversationId }),
      icon: assets('icon.png'),
    });

    const loginHost = {
      platform: process.platform,
      setLoginItemSettings: (s: Electron.Settings) => app.setLoginItemSettings(s),
      executable: process.env.APPIMAGE ?? process.execPath,
      autostartDir: xdgAutostartDir(process.env, os.homedir()),
    };
    let startAtLogin = view.settings().startAtLogin;
    // Only a packaged app belongs in the user's session; a checkout would register `electron .`.
    if (startAtLogin && app.isPackaged) applyStartAtLogin(true, loginHost);
    view.onChange(() => {
      const wanted = view.settings().startAtLogin;
      if (wanted === startAtLogin) return;
      startAtLogin = wanted;
      if (app.isPackaged) applyStartAtLogin(wanted, loginHost);
    });

    window.webContents.on('did-finish-load', () => {
      rendererReady = true;
      if (pendingOpen) send(pendingOpen);
      pendingOpen = null;
    });
    window.webContents.on('did-start-loading', () => (rendererReady = false));
    if (!process.argv.includes(HIDDEN_ARG)) window.once('ready-to-show', () => window.show());
    void window.loadURL(RENDERER_URL);

    void startUpdater({
      isPackaged: app.isPackaged,
      env: process.env,
      load: importAutoUpdater,
      log: (message) => console.log(message),
    });

    if (process.env.SWITCHBOARD_E2E) {
      // Handles for the Playwright `_electron` tests, which drive the real main process.
      Object.assign(globalThis, {
        switchboardShell: { core, window, notifications: created, trayMenu: () => trayMenu },
      });
    }

    // The core flushes and closes its cache before the app exits.
    let coreClosed = false;
    app.on('before-quit', (event) => {
      if (coreClosed) return;
      event.preventDefault();
      trayBinding.dispose();
      view.dispose();
      void core
        .close()
        .then(closeLogFile)
        .finally(() => {
          coreClosed = true;
          app.quit();
        });
    });
  });

  app.on('window-all-closed', () => app.quit());
}
