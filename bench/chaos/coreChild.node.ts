/**
 * The core as the chaos run kills it: the real Core with every provider, its webhook
 * receiver on a fixed port, and the bridge; secrets in a file so a restart comes back
 * signed in. Prints one JSON line when ready.
 */
import path from 'node:path';
import { Core } from '../../main/core/core.node.ts';
import { createRegistry } from '../../main/providers/builtins.node.ts';
import { keepServingOnUnexpectedErrors } from '../../main/core/lastResort.node.ts';
import { startBridge } from '../../main/bridge/wsBridge.node.ts';
import { FileSecretStore } from './fileSecretStore.node.ts';

const [dataDir, webhookPort] = [process.argv[2]!, Number(process.argv[3])];
keepServingOnUnexpectedErrors();
const core = Core.open({
  dataDir,
  registry: createRegistry(),
  secrets: new FileSecretStore(path.join(dataDir, 'chaos-secrets.json')),
});
core.settings.set({
  webhook: {
    bindAddress: '127.0.0.1',
    port: webhookPort,
    publicBaseUrl: `http://127.0.0.1:${webhookPort}`,
  },
});
await core.startAccounts();
const bridge = await startBridge({ core, port: 0, token: CHAOS_TOKEN() });
console.log(JSON.stringify({ ready: true, port: bridge.port }));

function CHAOS_TOKEN(): string {
  return process.env.SWITCHBOARD_TOKEN ?? 'chaos-token-0000000000';
}
