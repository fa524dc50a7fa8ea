import { z } from 'zod';

export const Settings = z.object({
  theme: z.enum(['light', 'dark', 'system']),
  language: z.enum(['en', 'ru']),
  notifications: z.object({
    enabled: z.boolean(),
    sound: z.boolean(),
    showPreview: z.boolean(),
  }),
  /** Epoch ms until which notifications are silenced; 0 when off. */
  doNotDisturbUntil: z.number().nonnegative(),
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  webhook: z.object({
    bindAddress: z.string(),
    port: z.number().int().min(0).max(65535),
    publicBaseUrl: z.string(),
  }),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  language: 'en',
  notifications: { enabled: true, sound: true, showPreview: true },
  doNotDisturbUntil: 0,
  closeToTray: true,
  startAtLogin: false,
  webhook: { bindAddress: '127.0.0.1', port: 0, publicBaseUrl: '' },
};

/** A settings change: any subset, nested groups replaced as a whole. */
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Do-not-disturb presets, as in Telegram: an hour from now, or until 8:00 tomorrow (local time). */
export const doNotDisturb = {
  forAnHour: (now: number) => now + 3_600_000,
  untilTomorrow: (now: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + 1);
    d.setHours(8, 0, 0, 0);
    return d.getTime();
  },
};

/**
 * Where account secrets live: the OS keychain; memory only (the headless core, or a computer
 * without a keyring where the user has not opted in); or without a keyring because the user
 * chose so. `choosable`: the user can switch between the last two.
 */
export const SecretStorage = z.object({
  where: z.enum(['keychain', 'memory', 'weak']),
  choosable: z.boolean(),
});
export type SecretStorage = z.infer<typeof SecretStorage>;
