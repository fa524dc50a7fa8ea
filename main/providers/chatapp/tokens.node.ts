import { ErrorBody, TokenData } from './wire.node.ts';
import {
  ProviderAuthError,
  ProviderRequestError,
  ProviderUnavailable,
  unreachable,
  quotedDetail,
} from '../errors.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

export interface Credentials {
  email: string;
  password: string;
  appId: string;
}

export interface TokenStore {
  load(): TokenData | undefined;
  save(tokens: TokenData): void;
}

/** Refresh this long before the access token's end, so no request races its expiry. */
const REFRESH_MARGIN_S = 5 * 60;

/**
 * ChatApp's tokens: a 24-hour access token, a 14-day refresh token, and a daily cap on
 * making new ones. So: refresh ahead of expiry, refresh once after a 401, and log in with
 * the saved password only when the refresh token is dead. One refresh at a time.
 */
export class TokenManager {
  #tokens: TokenData | undefined;
  #pending: Promise<TokenData> | undefined;

  constructor(
    private readonly apiBase: string,
    private readonly credentials: Credentials,
    private readonly store: TokenStore,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {
    this.#tokens = store.load();
  }

  get cabinetUserId(): string | undefined {
    const id = this.#tokens?.cabinetUserId;
    return id == null ? undefined : String(id);
  }

  /** A valid access token, refreshed first if it is about to end. */
  async accessToken(): Promise<string> {
    const tokens = this.#tokens;
    if (tokens && tokens.accessTokenEndTime - REFRESH_MARGIN_S > this.now())
      return tokens.accessToken;
    return (await this.#renew(tokens)).accessToken;
  }

  /** The server refused `rejected`: refresh (unless someone already did) and hand back a new one. */
  async afterUnauthorized(rejected: string): Promise<string> {
    if (this.#tokens && this.#tokens.accessToken !== rejected) return this.#tokens.accessToken;
    return (await this.#renew(this.#tokens)).accessToken;
  }

  /** Logs in from scratch: the account form's check. */
  async login(): Promise<TokenData> {
    return this.#adopt(await this.#make());
  }

  #renew(current: TokenData | undefined): Promise<TokenData> {
    this.#pending ??= (async () => {
      try {
        if (current && current.refreshTokenEndTime > this.now()) {
          const refreshed = await this.#refresh(current.refreshToken);
          if (refreshed) return this.#adopt(refreshed);
        }
        return this.#adopt(await this.#make());
      } finally {
        this.#pending = undefined;
      }
    })();
    return this.#pending;
  }

  #adopt(tokens: TokenData): TokenData {
    this.#tokens = tokens;
    this.store.save(tokens);
    return tokens;
  }

  /** Null when the refresh token is dead, so the caller logs in again. */
  async #refresh(refreshToken: string): Promise<TokenData | null> {
    const response = await post(
      `${this.apiBase}/v1/tokens/refresh`,
      { Refresh: refreshToken },
      undefined,
    );
    if (response.status === 401 || response.status === 403) return null;
    return parseTokens(response);
  }

  async #make(): Promise<TokenData> {
    const { email, password, appId } = this.credentials;
    const response = await post(`${this.apiBase}/v1/tokens`, {}, { email, password, appId });
    if (response.status === 401 || response.status === 403 || response.status === 422) {
      throw new ProviderAuthError(
        words('chatapp.credentialsRefused', {
          detail: quotedDetail(response.message),
        }),
      );
    }
    return parseTokens(response);
  }
}

interface Answer {
  status: number;
  body: unknown;
  message?: string;
}

async function post(url: string, headers: Record<string, string>, json: unknown): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw unreachable('ChatApp', new URL(url).host, error);
  }
  const body = await response.json().catch(() => undefined);
  const error = ErrorBody.safeParse(body);
  return {
    status: response.status,
    body,
    ...(error.success && error.data.error?.message ? { message: error.data.error.message } : {}),
  };
}

function parseTokens(answer: Answer): TokenData {
  if (answer.status >= 500)
    throw new ProviderUnavailable(
      words('provider.serverError', { provider: 'ChatApp', status: answer.status }),
    );
  const data = (answer.body as { data?: unknown } | undefined)?.data;
  const parsed = TokenData.safeParse(data);
  if (answer.status !== 200 || !parsed.success) {
    throw new ProviderRequestError(
      answer.message ??
        `ChatApp answered ${answer.status} without tokens. Is this a ChatApp API address?`,
      answer.status,
    );
  }
  return parsed.data;
}
