import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/model/settings.std.ts';

export interface SettingsStore {
  get(): Settings;
  set(patch: SettingsPatch): Settings;
}

/**
 * Settings as a JSON file beside the cache, written atomically. A damaged file falls back to
 * defaults (and is kept aside) rather than stopping the app.
 */
export class JsonSettingsStore implements SettingsStore {
  #settings: Settings;

  constructor(private readonly file: string) {
    this.#settings = this.#load();
  }

  get(): Settings {
    return this.#settings;
  }

  set(patch: SettingsPatch): Settings {
    const next = Settings.parse({ ...this.#settings, ...patch });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(next, null, 2));
    fs.renameSync(temp, this.file);
    this.#settings = next;
    return next;
  }

  #load(): Settings {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return DEFAULT_SETTINGS;
    }
    try {
      const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...(JSON.parse(text) as object) });
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: unreadable JSON
    }
    fs.renameSync(this.file, path.join(path.dirname(this.file), `settings.damaged-${Date.now()}.json`));
    return DEFAULT_SETTINGS;
  }
}

export class MemorySettingsStore implements SettingsStore {
  #settings: Settings = DEFAULT_SETTINGS;
  get(): Settings {
    return this.#settings;
  }
  set(patch: SettingsPatch): Settings {
    this.#settings = Settings.parse({ ...this.#settings, ...patch });
    return this.#settings;
  }
}
