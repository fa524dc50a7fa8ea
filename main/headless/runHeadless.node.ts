import path from 'node:path';
import { rebuildCache } from '../db/rebuildCache.node.ts';
import { Core } from '../core/core.node.ts';
import { startBridge, type Bridge } from '../bridge/wsBridge.node.ts';
import { createRegistry } from '../providers/builtins.node.ts';
import { StorageError } from '../db/storageError.node.ts';
import { openDemo } from '../demo/demoWorkspace.node.ts';
import type { HeadlessArgs } from './args.node.ts';
import { stableToken } from './bridgeToken.node.ts';
import { keepServingOnUnexpectedErrors } from '../core/lastResort.node.ts';
import { closeLogFile, openLogFileSafely } from '../log/logFile.node.ts';
import { VERSION } from './version.node.ts';
import { CoreStartError } from '../coreHost/coreSupervisor.node.ts';

export interface Headless {
  core: Core;
  bridge: Bridge;
  stop(): Promise<void>;
}

/** Starts core + bridge; stops both cleanly on SIGINT/SIGTERM. */
export async function runHeadless(
  args: HeadlessArgs,
  options: { demo?: boolean } = {},
): Promise<Headless> {
  keepServingOnUnexpectedErrors();
  const logFile = openLogFileSafely(args.dataDir);
  const core = openCore(args, logFile);
  const token = args.token ?? stableToken(args.dataDir);
  const bridge = await startBridge({
    core,
    port: args.port,
    token,
    ...(args.staticDir ? { staticDir: args.staticDir } : {}),
    allowedOrigins: args.origins,
  });
  await core.startAccounts();
  if (options.demo) await openDemo(core);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await bridge.close();
      await core.close();
      await closeLogFile();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0)));
  }
  return { core, bridge, stop };
}

/** Opens the core; with --repair-cache, a damaged cache is first rebuilt from what can be read. */
function openCore(args: HeadlessArgs, logFile: string | null): Core {
  const open = () =>
    Core.open({ dataDir: args.dataDir, registry: createRegistry(), version: VERSION, logFile });
  try {
    return open();
  } catch (error) {
    if (!(error instanceof StorageError) || error.problem !== 'corrupt' || !args.repairCache)
      throw error;
    const report = rebuildCache(path.join(args.dataDir, 'switchboard.sqlite'));
    console.error(
      `Switchboard rebuilt its message cache from what could be read: ${report.copied.messages ?? 0} messages, ` +
        `${report.copied.conversations ?? 0} conversations, ${report.copied.accounts ?? 0} accounts. ` +
        `The damaged file is kept at ${report.damagedFile}.`,
    );
    return open();
  }
}

/** Prints a storage problem in words and exits once, instead of crashing in a loop. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof StorageError || error instanceof CoreStartError) {
    console.error(`Switchboard could not start: ${error.message}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
