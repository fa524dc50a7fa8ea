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
