import { utilityProcess } from 'electron';
import type { CoreChild } from '../coreHost/coreSupervisor.node.ts';
import type { HostToCore } from '../coreHost/hostFrames.std.ts';

/**
 * The core in an Electron utilityProcess: a Node process of its own, so its SQL and
 * provider traffic never hold the window, the tray or an IPC reply. Frames go over the
 * process's MessagePort (`postMessage` / `process.parentPort`), the same ones as the fork.
 */
export function spawnUtilityCore(entry: string): CoreChild {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Switchboard core',
    stdio: 'inherit',
  });
  let spawned = false;
  let exitCode: number | null | undefined;
  const early: HostToCore[] = [];
  child.once('spawn', () => {
    spawned = true;
    for (const frame of early.splice(0)) child.postMessage(frame);
  });
  child.once('exit', (code) => (exitCode = code));
  return {
    get pid() {
      return child.pid;
    },
    post: (frame) => {
      if (exitCode !== undefined) return;
      if (spawned) child.postMessage(frame);
      else early.push(frame);
    },
    onFrame: (listener) => child.on('message', listener),
    onExit: (listener) => {
      if (exitCode !== undefined) listener(exitCode);
      else child.once('exit', (code) => listener(code));
    },
    kill: () => void child.kill(),
  };
}
