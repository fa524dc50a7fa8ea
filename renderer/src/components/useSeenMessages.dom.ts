import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** A message counts as seen once this much of it, or of the view's height, is on screen. */
const SEEN_RATIO = 0.6;

/**
 * Reports the messages that come on screen inside `scroller`, through an
 * IntersectionObserver: rows carry `data-message-id`, and each one seen is told to
 * `onSeen`. A message taller than the view counts once it fills most of it. `resetKey`
 * changes when the scroller may be another element (another chat, or the view shown).
 */
export function useSeenMessages(
  scroller: RefObject<HTMLElement | null>,
  onSeen: (messageId: number) => void,
  resetKey: unknown,
): (element: HTMLElement | null) => (() => void) | undefined {
  const observer = useRef<IntersectionObserver | null>(null);
  // Rows mount before the effect below runs: they wait here until the observer exists.
  const waiting = useRef(new Set<HTMLElement>());
  const report = useRef(onSeen);
  report.current = onSeen;

  useEffect(() => {
    const root = scroller.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const rootHeight = entry.rootBounds?.height ?? Infinity;
          const seen =
            entry.intersectionRatio >= SEEN_RATIO ||
            entry.intersectionRect.height >= rootHeight * SEEN_RATIO;
          const id = Number((entry.target as HTMLElement).dataset.messageId);
          // The reader keeps the newest seen and ignores older ones: no record of its own here.
          if (seen && Number.isFinite(id)) report.current(id);
        }
      },
      { root, threshold: [0, 0.25, SEEN_RATIO, 1] },
    );
    observer.current = io;
    for (const element of waiting.current) io.observe(element);
    waiting.current.clear();
    return () => {
      io.disconnect();
      observer.current = null;
    };
  }, [scroller, resetKey]);

  // A row scrolled out of the virtual list is let go (React 19 runs the returned cleanup).
  return useCallback((element: HTMLElement | null) => {
    if (!element || !element.dataset.messageId) return undefined;
    if (observer.current) observer.current.observe(element);
    else waiting.current.add(element);
    return () => {
      waiting.current.delete(element);
      observer.current?.unobserve(element);
    };
  }, []);
}
