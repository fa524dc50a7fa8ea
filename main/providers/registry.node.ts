import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { ProviderDescriptor } from '../../shared/ipc/providers.std.ts';
import type { ProviderKind } from '../../shared/model/ids.std.ts';
import type { ProviderPlugin } from './plugin.node.ts';
import { addWords } from '../../shared/i18n/catalog.std.ts';

/** The provider plug-ins this build knows. */
export class ProviderRegistry {
  readonly #plugins = new Map<ProviderKind, ProviderPlugin>();

  register(plugin: ProviderPlugin): this {
    const kind = plugin.descriptor.kind;
    if (this.#plugins.has(kind)) throw new Error(`Provider ${kind} is registered twice`);
    this.#plugins.set(kind, plugin);
    // The provider's words join the one catalog, so the core says them too.
    addWords(plugin.descriptor.words);
    return this;
  }

  get(kind: ProviderKind): ProviderPlugin {
    const plugin = this.#plugins.get(kind);
    if (!plugin)
      throw new SwitchboardError(
        'not_found',
        `This build of Switchboard does not support ${kind} accounts yet.`,
      );
    return plugin;
  }

  has(kind: ProviderKind): boolean {
    return this.#plugins.has(kind);
  }

  descriptors(): ProviderDescriptor[] {
    return [...this.#plugins.values()].map((plugin) => plugin.descriptor);
  }
}
