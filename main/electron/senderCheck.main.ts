/**
 * Whether an IPC message comes from our own renderer: the main frame of our window,
 * loaded from our bundle. Anything else (an iframe, a navigated page) is refused.
 */
export function isTrustedSender(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const frame = new URL(frameUrl);
    const ours = new URL(rendererUrl);
    if (frame.protocol !== ours.protocol) return false;
    if (ours.protocol === 'file:') return frame.pathname === ours.pathname;
    // Not `origin`: for a custom scheme such as app:// it is the opaque "null" for every host.
    return frame.host === ours.host;
  } catch {
    return false;
  }
}
