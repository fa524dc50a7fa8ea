/** `switchboard://conversation/<id>` opens a chat; `?message=<id>` scrolls to one message in it. */
export const DEEP_LINK_SCHEME = 'switchboard';

export interface DeepLinkTarget {
  conversationId: number;
  messageId?: number;
}

const positiveId = (text: string | null | undefined): number | undefined => {
  if (!text || !/^\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
};

/** What a link asks for, or null for anything that is not exactly one of ours. */
export function parseDeepLink(link: string): DeepLinkTarget | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.hostname !== 'conversation') return null;
  const conversationId = positiveId(url.pathname.replace(/^\/|\/$/g, ''));
  if (conversationId === undefined) return null;
  const message = url.searchParams.get('message');
  if (message === null) return { conversationId };
  const messageId = positiveId(message);
  return messageId === undefined ? null : { conversationId, messageId };
}

export function deepLinkOf(target: DeepLinkTarget): string {
  return `${DEEP_LINK_SCHEME}://conversation/${target.conversationId}${target.messageId ? `?message=${target.messageId}` : ''}`;
}

/** Windows and Linux hand the link to a launch as a command-line argument. */
export function deepLinkInArgv(argv: readonly string[]): DeepLinkTarget | null {
  for (const arg of argv) {
    if (arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) return parseDeepLink(arg);
  }
  return null;
}
