import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import WebSocket from 'ws';
import { tempDir } from '../../helpers/cache.ts';

export interface CoreProcess {
  child: ChildProcess;
  port: number;
  token: string;
  dataDir: string;
  exited: Promise<number | null>;
  /** Whether the process is still running. */
  alive(): boolean;
  /** One request over a fresh bridge socket; resolves with the reply frame. */
  request(method: string, params?: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The headless core as `npm run core` starts it, in its own process, serving a tiny page. */
export async function startCoreProcess(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<CoreProcess> {
  const dataDir = options.dataDir ?? tempDir();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const token = 'never-down-token';
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/cli.node.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--static',
      staticDir,
    ],
    {
      env: { ...process.env, SWITCHBOARD_TOKEN: token, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const ready = JSON.parse(line) as { ready?: boolean; port?: number };
        if (ready.ready && ready.port) resolve(ready.port);
      } catch {
        // a log line
      }
    });
    void exited.then((code) =>
      reject(new Error(`core exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  let running = true;
  void exited.then(() => (running = false));
  return {
    child,
    port,
    token,
    dataDir,
    exited,
    alive: () => running,
    request: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${token}`);
        const timer = setTimeout(() => reject(new Error(`no reply to ${method}`)), 10_000);
        ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
        ws.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as Record<string, unknown>;
          if (frame.id !== 1) return;
          clearTimeout(timer);
          ws.close();
          resolve(frame);
        });
        ws.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      }),
    async stop() {
      if (running) child.kill('SIGTERM');
      await exited;
    },
  };
}
