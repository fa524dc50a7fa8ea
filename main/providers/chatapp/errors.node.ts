/** The credentials are refused for good: only the user can fix it ("sign-in needed"). */
export class ChatAppAuthError extends Error {
  override readonly name = 'ChatAppAuthError';
}

/** The host could not be reached or answered with a server error: try again later. */
export class ChatAppUnavailable extends Error {
  override readonly name = 'ChatAppUnavailable';
}

/** ChatApp understood the request and refused it. */
export class ChatAppRequestError extends Error {
  override readonly name = 'ChatAppRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string | number,
  ) {
    super(message);
  }
}
