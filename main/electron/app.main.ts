import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { Core } from '../core/core.node.ts';
import { createRegistry } from '../providers/builtins.node.ts';
import { StorageError } from '../db/storageError.node.ts';
import { registerIpc } from './ipc.main.ts';
import { openSecretStore } from './secrets.main.ts';
import { bindBadge } from './badge.main.ts';
import { startDemo } from '../demo/demoWorkspace.node.ts';
import { isSafeExternalUrl, secureWindowOptions } from './window.main.ts';

/** The Electron shell: a thin carrier for the core and the renderer. */
if (!app.requestSingleInstanceLock()) app.quit();

const root = app.getAppPath();
const rendererUrl = pathToFileURL(path.join(root, 'dist/renderer/index.html')).toString();
let win: BrowserWindow | undefined;

app.on('second-instance', () => {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  let core: Core;
  try {
    core = Core.open({ dataDir: app.getPath('userData'), registry: createRegistry(), secrets: openSecretStore(), electron: true, version: app.getVersion() });
  } catch (error) {
    dialog.showErrorBox('Switchboard could not start', error instanceof StorageError ? error.message : String(error));
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, core, rendererUrl, () => (win ? [win.webContents] : []));
  bindBadge(core, (count) => app.setBadgeCount(count));
  win = new BrowserWindow(secureWindowOptions(path.join(root, 'dist/main/preload.cjs')));
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(rendererUrl);
  void core.startAccounts().then(async () => {
    core.demo = (await startDemo(core)) ?? undefined;
  });
  app.on('before-quit', () => void core.close());
});

app.on('window-all-closed', () => app.quit());
