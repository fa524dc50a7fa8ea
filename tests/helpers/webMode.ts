import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { tempDir } from './cache.ts';

/** Browser mode exactly as `npm run web` starts it, on an empty data folder (so: the demo workspace). */
export async function startWebMode(): Promise<{ url: string; stop(): void }> {
  const web = spawn(process.execPath, ['--import', 'tsx', 'main/headless/web.node.ts', '--data-dir', tempDir(), '--port', '0'], {
    env: { ...process.env, SWITCHBOARD_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of readline.createInterface({ input: web.stdout! })) {
    const match = /Open: (\S+)/.exec(line);
    if (match) return { url: match[1]!, stop: () => void web.kill('SIGTERM') };
  }
  throw new Error('browser mode exited before printing its address');
}
