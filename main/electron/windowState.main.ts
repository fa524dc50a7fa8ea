import type { Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 720, height: 480 };

/** At least this much of the title bar must be on a screen for the window to be reachable. */
const GRIP = 100;

/**
 * Where to open the window: the saved place if it is still on one of the screens (a monitor
 * may have been unplugged since), else the default size, centred by Electron.
 */
export function restoredBounds(
  saved: WindowState | undefined,
  workAreas: readonly Rectangle[],
): Partial<Rectangle> & { width: number; height: number } {
  if (!saved || !isRect(saved.bounds)) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN_SIZE.width, saved.bounds.width);
  const height = Math.max(MIN_SIZE.height, saved.bounds.height);
  const { x, y } = saved.bounds;
  const reachable = workAreas.some((area) => {
    const overlap = Math.min(x + width, area.x + area.width) - Math.max(x, area.x);
    return overlap >= Math.min(GRIP, width) && y >= area.y && y < area.y + area.height - 20;
  });
  return reachable ? { x, y, width, height } : { width, height };
}

function isRect(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => Number.isFinite(r[k]));
}

export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): void;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isMaximized(): boolean;
  getNormalBounds(): Rectangle;
}

/** Saves size and place after the user stops dragging, and once more on close. */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  delayMs = 500,
): void {
  let timer: NodeJS.Timeout | undefined;
  const capture = () => {
    clearTimeout(timer);
    if (win.isDestroyed() || win.isMinimized()) return;
    save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(capture, delayMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', capture);
}
