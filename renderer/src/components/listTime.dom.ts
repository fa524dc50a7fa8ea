import { useWorkspace } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';

/** The time beside a chat in the list: the hour today, "Yesterday", the weekday this week, else the date. */
export function listTimeOf(time: number, now: number, language: string, yesterday: string): string {
  const day = (ms: number) => {
    const d = new Date(ms);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  };
  const days = Math.round((day(now) - day(time)) / 86_400_000);
  if (days <= 0)
    return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(time);
  if (days === 1) return yesterday;
  if (days < 7) return new Intl.DateTimeFormat(language, { weekday: 'short' }).format(time);
  return new Intl.DateTimeFormat(language, {
    day: '2-digit',
    month: '2-digit',
    year: '2-digit',
  }).format(time);
}

export function useListTime(): (time: number) => string {
  const t = useT();
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  return (time) => listTimeOf(time, Date.now(), language, t('time.yesterday'));
}
