import { startBridge, type Bridge } from '../bridge/wsBridge.node.ts';
import { CoreSupervisor } from '../coreHost/coreSupervisor.node.ts';
import { forkCore } from '../coreHost/forkCore.node.ts';
import { listen } from '../core/endpoint.node.ts';
import { MemorySecretStore } from '../core/secretStore.node.ts';
import { createLogger } from '../log/logger.node.ts';
import type { HeadlessArgs } from './args.node.ts';
import { stableToken } from './bridgeToken.node.ts';
import { VERSION } from './version.node.ts';

const log = createLogger('host');

export interface SupervisedHeadless {
  supervisor: CoreSupervisor;
  bridge: Bridge;
  stop(): Promise<void>;
}

/**
 * Browser mode with the core in a process of its own, as the desktop app runs it: this
 * process serves the page and the bridge and forwards to the core; when the core dies it is
 * started again and the page, told `core.status`, reconnects. Secrets stay in this process's
 * memory, so a restarted core signs in again without asking.
 */
export async function runSupervised(
  args: HeadlessArgs,
  options: { demo?: boolean } = {},
): Promise<SupervisedHeadless> {
  const secrets = new MemorySecretStore();
  const entries = () =>
    Object.fromEntries(secrets.ids().flatMap((id) => [[id, secrets.get(id)!] as const]));
  const supervisor = new CoreSupervisor({
    spawn: () => forkCore(),
    dataDir: args.dataDir,
    start: () => ({
      version: VERSION,
      electron: false,
      demo: options.demo ?? false,
      repairCache: args.repairCache,
      secrets: { entries: entries(), persistent: false },
    }),
    secrets,
  });
  await supervisor.start();
  listen(supervisor, 'core.status', ({ state }) =>
    log.info(`core process ${state === 'ready' ? 'is back' : 'ended; restarting'}`, {
      pid: supervisor.pid,
    }),
  );
  const bridge = await startBridge({
    core: supervisor,
    port: args.port,
    token: args.token ?? stableToken(args.dataDir),
    ...(args.staticDir ? { staticDir: args.staticDir } : {}),
    allowedOrigins: args.origins,
  });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await bridge.close();
      await supervisor.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void stop().then(() => process.exit(0)));
  return { supervisor, bridge, stop };
}
