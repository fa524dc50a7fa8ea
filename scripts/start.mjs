// `npm start`: the desktop app where Electron can run, browser mode where it cannot.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve('node_modules/electron');
const isWindows = process.platform === 'win32';

/** The installed binary, found without requiring 'electron' (which would start a download). */
function installedBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : null;
}

function tryDownload() {
  if (
    !fs.existsSync(path.join(electronDir, 'install.js')) ||
    process.env.SWITCHBOARD_NO_ELECTRON_DOWNLOAD
  )
    return;
  console.log('Electron is not downloaded yet; trying to fetch it once…');
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
  });
}

const npm = (args, options = {}) =>
  spawn('npm', args, { stdio: 'inherit', shell: isWindows, ...options });

let binary = installedBinary();
if (!binary) {
  tryDownload();
  binary = installedBinary();
}

if (!binary) {
  console.log(
    [
      '',
      'No Electron binary could be found or downloaded on this machine, so Switchboard',
      'starts in browser mode instead: the same app, served by the headless core on',
      '127.0.0.1: open the address it prints. Start browser mode directly any time with:',
      '',
      '    npm run web',
      '',
    ].join('\n'),
  );
  npm(['run', 'web', '--', ...process.argv.slice(2)]).on('exit', (code) => process.exit(code ?? 0));
} else {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: isWindows });
  if (built.status !== 0) process.exit(built.status ?? 1);
  spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' }).on('exit', (code) =>
    process.exit(code ?? 0),
  );
}
