import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SIZE,
  restoredBounds,
  trackWindowState,
  type WindowState,
} from '../../../main/electron/windowState.main.ts';
import { secureWindowOptions } from '../../../main/electron/window.main.ts';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const monitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window size and place', () => {
  it('come back where the user left them', () => {
    const saved: WindowState = {
      bounds: { x: 2100, y: 80, width: 1400, height: 900 },
      maximized: false,
    };
    expect(restoredBounds(saved, [laptop, monitor])).toEqual({
      x: 2100,
      y: 80,
      width: 1400,
      height: 900,
    });
    expect(secureWindowOptions('/p.cjs', restoredBounds(saved, [laptop, monitor]))).toMatchObject({
      x: 2100,
      y: 80,
      width: 1400,
      height: 900,
      minWidth: 720,
    });
  });

  it('are kept in size but re-centred when the screen they were on is gone', () => {
    const saved: WindowState = {
      bounds: { x: 2100, y: 80, width: 1400, height: 900 },
      maximized: false,
    };
    expect(restoredBounds(saved, [laptop])).toEqual({ width: 1400, height: 900 });
  });

  it('fall back to the default for nothing saved or garbage, and never go below the minimum', () => {
    expect(restoredBounds(undefined, [laptop])).toEqual(DEFAULT_SIZE);
    expect(
      restoredBounds({ bounds: { x: Number.NaN, y: 0, width: 1, height: 1 } } as WindowState, [
        laptop,
      ]),
    ).toEqual(DEFAULT_SIZE);
    expect(
      restoredBounds({ bounds: { x: 10, y: 10, width: 100, height: 100 }, maximized: false }, [
        laptop,
      ]),
    ).toEqual({ x: 10, y: 10, width: 720, height: 480 });
  });

  describe('tracking', () => {
    afterEach(() => vi.useRealTimers());

    it('saves once the user stops moving, and on close, but not while minimised', () => {
      vi.useFakeTimers();
      const win = Object.assign(new EventEmitter(), {
        bounds: { x: 1, y: 2, width: 1000, height: 700 },
        minimized: false,
        isDestroyed: () => false,
        isMinimized: () => win.minimized,
        isMaximized: () => false,
        getNormalBounds: () => win.bounds,
      });
      const saves: WindowState[] = [];
      trackWindowState(win, (s) => saves.push(s), 500);
      win.emit('move');
      win.bounds = { x: 50, y: 60, width: 1000, height: 700 };
      win.emit('move');
      vi.advanceTimersByTime(499);
      expect(saves).toHaveLength(0);
      vi.advanceTimersByTime(1);
      expect(saves).toEqual([
        { bounds: { x: 50, y: 60, width: 1000, height: 700 }, maximized: false },
      ]);
      win.minimized = true;
      win.emit('resize');
      vi.advanceTimersByTime(600);
      expect(saves).toHaveLength(1);
      win.minimized = false;
      win.emit('close');
      expect(saves).toHaveLength(2);
    });
  });
});
