import type { ProviderWords } from '../../../shared/i18n/catalog.std.ts';

/** What maytapi says to users, in every language; merged into the catalog by the registry. */
export const maytapiWords = {
  en: {
    'maytapi.tokenRefused':
      'Maytapi refused the API token (or the product id). Check both in the Maytapi console.',
    'maytapi.imagesOnly':
      'Maytapi takes files from a computer only as images under 1 MB; larger files and documents need a web link.',
  },
  ru: {
    'maytapi.tokenRefused':
      'Maytapi не принял API-токен (или product id). Проверьте оба в консоли Maytapi.',
    'maytapi.imagesOnly':
      'Maytapi принимает файлы с компьютера только как изображения до 1 МБ; для больших файлов и документов нужна ссылка.',
  },
} as const satisfies ProviderWords;
