import { ProviderRegistry } from './registry.node.ts';
import { chatAppPlugin } from './chatapp/plugin.node.ts';
import { multiWaPlugin } from './multiwa/plugin.node.ts';
import { maytapiPlugin } from './maytapi/plugin.node.ts';
import { chategyPlugin } from './chategy/plugin.node.ts';

/** Every provider plug-in this build ships. Each lives in its own folder beside this file. */
export function createRegistry(): ProviderRegistry {
  return new ProviderRegistry()
    .register(chatAppPlugin)
    .register(multiWaPlugin)
    .register(maytapiPlugin)
    .register(chategyPlugin);
}
