import { useEffect, useState } from 'react';

/** The current time, re-read every second while `ticking` (a countdown on screen). */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** Midnight today, re-read when the day turns: "Today" and "Yesterday" move on overnight. */
export function useToday(): number {
  const midnight = () => new Date().setHours(0, 0, 0, 0);
  const [today, setToday] = useState(midnight);
  useEffect(() => {
    const next = new Date(today).setDate(new Date(today).getDate() + 1);
    const timer = setTimeout(() => setToday(midnight()), Math.max(1000, next - Date.now() + 1000));
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
