import { fork } from 'node:child_process';
import path from 'node:path';
import type { CoreChild } from './coreSupervisor.node.ts';

/** The core's process entry beside this file, from source (through tsx) or built. */
export const CORE_ENTRY = path.join(import.meta.dirname, 'coreProcessEntry.node.ts');

/**
 * The Node twin of the desktop shell's utilityProcess: the same core entry, started with
 * `child_process.fork` and spoken to over its IPC channel with the same frames.
 */
export function forkCore(entry = CORE_ENTRY, env: NodeJS.ProcessEnv = process.env): CoreChild {
  const child = fork(entry, [], {
    execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
    env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A send to a child that just died fails with EPIPE; its exit is what the host acts on.
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    post: (frame) => {
      if (child.connected) child.send(frame, (error) => void error);
    },
    onFrame: (listener) => child.on('message', listener),
    onExit: (listener) => {
      if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode);
      else child.once('exit', (code) => listener(code));
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
