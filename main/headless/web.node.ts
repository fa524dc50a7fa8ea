import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { parseHeadlessArgs } from './args.node.ts';
import { exitOnStartupError, runHeadless } from './runHeadless.node.ts';
import { runSupervised } from './runSupervised.node.ts';

/** Browser mode: the headless core plus the built renderer on one local origin. */
const root = path.resolve(import.meta.dirname, '../..');
const staticDir = path.join(root, 'dist/renderer');
try {
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    console.error('Building the interface (first run)…');
    execSync('npx vite build --config vite.renderer.config.ts', { cwd: root, stdio: 'inherit' });
  }
  const args = parseHeadlessArgs(process.argv.slice(2), {
    dataDir: process.env.SWITCHBOARD_DATA_DIR ?? path.join(os.homedir(), '.switchboard', 'web'),
    port: 7420,
    staticDir,
  });
  let url: string;
  if (args.coreProcess) {
    const { bridge, supervisor } = await runSupervised(args, { demo: true });
    url = bridge.url;
    console.log(`Core process: ${supervisor.pid}`);
  } else {
    const { bridge, core } = await runHeadless(args, { demo: true });
    url = bridge.url;
    if (core.demo)
      console.log(
        '\nNo account is set up yet, so this is the demo workspace: simulated ChatApp, MultiWA, Maytapi and Chategy accounts, all on this computer.',
      );
  }
  console.log(
    `\nSwitchboard is running in browser mode.\n\n  Open: ${url}\n\nData: ${args.dataDir}\nPress Ctrl+C to stop.`,
  );
} catch (error) {
  exitOnStartupError(error);
}
