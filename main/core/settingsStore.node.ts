import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/model/settings.std.ts';

export interface SettingsStore {
  get(): Settings;
  set(patch: SettingsPatch): Settings;
  /** Set when the file was damaged at start: where it was kept and what had to be reset. */
  readonly damage?: SettingsDamage | undefined;
}

export interface SettingsDamage {
  /** The damaged file, moved aside as it was. */
  keptAt: string;
  /** Settings that could not be recovered and are back at their defaults. */
  reset: string[];
}

type Group = keyof Settings;
const GROUPS = Object.keys(Settings.shape) as Group[];

/**
 * Settings as a JSON file beside the cache, written atomically, with a second copy
 * (`settings.json.bak`) written first, so a crash while one is written leaves the other whole. A damaged file never resets everything: each setting that
 * still reads is kept, the rest come from the last good copy, and only what neither has
 * goes back to its default. The damaged file is kept aside and the damage is reported.
 */
export class JsonSettingsStore implements SettingsStore {
  #settings: Settings;
  damage: SettingsDamage | undefined;

  constructor(private readonly file: string) {
    this.#settings = this.#load();
  }

  get(): Settings {
    return this.#settings;
  }

  set(patch: SettingsPatch): Settings {
    const next = Settings.parse({ ...this.#settings, ...patch });
    const text = JSON.stringify(next, null, 2);
    for (const target of [`${this.file}.bak`, this.file]) {
      const temp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temp, text);
      fs.renameSync(temp, target);
    }
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
    const whole = readSettings(text);
    if (whole.complete) return whole.settings;
    const backup = readBackup(`${this.file}.bak`);
    const recovered: Partial<Settings> = { ...backup, ...whole.found };
    const reset = GROUPS.filter((group) => recovered[group] === undefined);
    let keptAt = path.join(path.dirname(this.file), `settings.damaged-${Date.now()}.json`);
    try {
      fs.renameSync(this.file, keptAt);
    } catch {
      keptAt = this.file; // a read-only folder: the damaged file stays where it is
    }
    this.damage = { keptAt, reset };
    const settings = Settings.parse({ ...DEFAULT_SETTINGS, ...recovered });
    try {
      this.set(settings);
    } catch {
      // a read-only folder: the recovered settings still hold for this run
      this.#settings = settings;
    }
    return settings;
  }
}

/** Every group of the settings that reads, from text that may be JSON or may be cut short. */
function readSettings(
  text: string,
): { complete: true; settings: Settings } | { complete: false; found: Partial<Settings> } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { complete: false, found: salvage(text) };
  }
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...(json as object) });
  if (parsed.success) return { complete: true, settings: parsed.data };
  const found: Partial<Settings> = {};
  if (json && typeof json === 'object') {
    for (const group of GROUPS) {
      const field = Settings.shape[group].safeParse((json as Record<string, unknown>)[group]);
      if (field.success) Object.assign(found, { [group]: field.data });
    }
  }
  return { complete: false, found };
}

function readBackup(file: string): Partial<Settings> {
  try {
    const result = readSettings(fs.readFileSync(file, 'utf8'));
    return result.complete ? result.settings : result.found;
  } catch {
    return {};
  }
}

/**
 * A file cut short (a crash mid-write on a file system without atomic rename): the groups
 * written before the cut are whole JSON values; each is read on its own.
 */
function salvage(text: string): Partial<Settings> {
  const found: Partial<Settings> = {};
  for (const group of GROUPS) {
    const at = text.indexOf(`"${group}"`);
    if (at < 0) continue;
    const colon = text.indexOf(':', at);
    const value = firstJsonValue(text.slice(colon + 1));
    if (value === undefined) continue;
    const field = Settings.shape[group].safeParse(value);
    if (field.success) Object.assign(found, { [group]: field.data });
  }
  return found;
}

/** The longest prefix of `text` that parses as one JSON value, ending before a comma or brace. */
function firstJsonValue(text: string): unknown {
  const trimmed = text.trimStart();
  for (let end = 1; end <= Math.min(trimmed.length, 64 * 1024); end++) {
    const next = trimmed[end];
    if (end < trimmed.length && next !== ',' && next !== '}' && next !== '\n' && next !== '\r')
      continue;
    try {
      return JSON.parse(trimmed.slice(0, end)) as unknown;
    } catch {
      // not yet a whole value
    }
  }
  return undefined;
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
