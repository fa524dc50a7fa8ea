import fs from 'node:fs';
import path from 'node:path';
import { Core } from '../core/core.node.ts';
import { createRegistry } from '../providers/builtins.node.ts';
import { StorageError } from '../db/storageError.node.ts';
import { rebuildCache } from '../db/rebuildCache.node.ts';
import { openDemo } from '../demo/demoWorkspace.node.ts';
import { createLogger } from '../log/logger.node.ts';
import { closeLogFile, openLogFileSafely } from '../log/logFile.node.ts';
import { keepServingOnUnexpectedErrors } from '../core/lastResort.node.ts';
import type { CoreStart } from './hostFrames.std.ts';
import { HostToCore, type CoreToHost } from './hostFrames.std.ts';
import { RemoteSecretStore } from './remoteSecrets.node.ts';
import { say, words } from '../../shared/words/coreWords.std.ts';

const log = createLogger('core-process');
const notOpen = words('core.restarting');

/** How a core process hears its host: Electron's parentPort, or a forked child's IPC channel. */
export interface ParentChannel {
  post(frame: CoreToHost): void;
  onFrame(listener: (data: unknown) => void): void;
  /** The host went away (its end of the channel closed): the core stops with it. */
  onGone(listener: () => void): void;
}

/** The channel this process was started with, or undefined when nobody started it as a core. */
export function parentChannel(): ParentChannel | undefined {
  const port = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (port)
    return {
      post: (frame) => port.postMessage(frame),
      onFrame: (listener) => port.on('message', (event) => listener(event.data)),
      // A utility process is ended by its host; there is no disconnect to hear.
      onGone: () => undefined,
    };
  if (!process.send) return undefined;
  return {
    post: (frame) => {
      if (process.connected) process.send!(frame);
    },
    onFrame: (listener) => process.on('message', listener),
    onGone: (listener) => process.once('disconnect', listener),
  };
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * Runs the core for a host: waits for `start`, opens the data folder, then answers requests
 * and forwards every event until `stop` (or the host is gone). A frame that is not one of
 * the host's is logged and dropped; the core keeps serving.
 */
export function serveCoreProcess(channel: ParentChannel): void {
  keepServingOnUnexpectedErrors();
  let core: Core | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await core?.close();
      await closeLogFile();
    })().finally(() => process.exit(0)));

  channel.onGone(() => void stop());
  // Ctrl+C in a terminal reaches the whole process group: the host decides when the core
  // stops (it sends \`stop\`), so the core does not die under it and get restarted.
  process.on('SIGINT', () => log.info('SIGINT: left to the host'));
  channel.onFrame((data) => {
    const parsed = HostToCore.safeParse(data);
    if (!parsed.success) return void log.warn('dropped a frame that is not the host’s');
    const frame = parsed.data;
    if (frame.type === 'stop') return void stop();
    if (frame.type === 'start') {
      if (core) return void log.warn('a second start was ignored');
      core = open(frame, channel);
      return;
    }
    if (!core || stopping) {
      channel.post({
        type: 'reply',
        id: frame.id,
        reply: {
          ok: false,
          error: { code: 'unavailable', message: say(notOpen, 'en')!, words: notOpen },
        },
      });
      return;
    }
    void core.handle(frame.method, frame.params).then((reply) => {
      channel.post({ type: 'reply', id: frame.id, reply });
    });
  });
}

function open(start: CoreStart, channel: ParentChannel): Core | undefined {
  const logFile = openLogFileSafely(start.dataDir);
  const options = {
    dataDir: start.dataDir,
    registry: createRegistry(),
    secrets: new RemoteSecretStore(start.secrets, (frame) => channel.post(frame)),
    electron: start.electron,
    version: start.version,
    logFile,
  };
  let core: Core;
  try {
    core = openOrRepair(options, start.repairCache);
  } catch (error) {
    const storage = error instanceof StorageError ? error : undefined;
    channel.post({
      type: 'fatal',
      problem: storage?.problem ?? 'unknown',
      error: storage?.toIpc() ?? {
        code: 'internal',
        message: error instanceof Error ? error.message : String(error),
      },
    });
    return undefined;
  }
  core.on((event, payload) => channel.post({ type: 'event', event, payload }));
  channel.post({ type: 'ready', logFile });
  core
    .startAccounts()
    .then(async () => {
      if (start.demo) await openDemo(core);
    })
    .catch((error: unknown) =>
      log.error('the accounts or the demo could not start', { error: String(error) }),
    );
  return core;
}

function openOrRepair(options: Parameters<typeof Core.open>[0], repair: boolean): Core {
  try {
    return Core.open(options);
  } catch (error) {
    if (!repair || !(error instanceof StorageError) || error.problem !== 'corrupt') throw error;
    const file = path.join(options.dataDir, 'switchboard.sqlite');
    if (fs.existsSync(file)) rebuildCache(file);
    return Core.open(options);
  }
}
