export interface CloseContext {
  /** Quit was chosen (menu, tray, OS shutdown): let the window go. */
  quitting: boolean;
  closeToTray: boolean;
  /** A tray icon exists to come back through. */
  hasTray: boolean;
  hintShown: boolean;
}

/**
 * What closing the window does. Kept in the tray it keeps receiving messages, as Telegram
 * Desktop does; the first time, a notification tells the user where it went.
 */
export function onWindowClose(c: CloseContext): { keepRunning: boolean; showHint: boolean } {
  if (c.quitting || !c.closeToTray || !c.hasTray) return { keepRunning: false, showHint: false };
  return { keepRunning: true, showHint: !c.hintShown };
}
