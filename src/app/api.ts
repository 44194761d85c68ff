import { parseRetryAfter } from '../core/errors';
import { MESSAGES, unexpectedAnswerMessage } from '../core/messages';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../core/protocol/versions';
import type { HistoryResponse, InviteResponse, OpenInvite, Session } from '../core/protocol';

/**
 * The wire schemas (zod, ~24 KB compressed) are a chunk of their own, fetched beside the first
 * request rather than before the sign-in screen can start (docs/ARCHITECTURE.md, "Serving the app").
 */
const schemas = () => import('../core/protocol');

/** An answer from the server that is not a success, with the words to show the person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The server's Retry-After, in ms (a throttled sign-in); null without one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached at all. */
export class OfflineError extends Error {
  readonly code = 'network';
  constructor(options?: { cause?: unknown }) {
    super(MESSAGES.offline, options);
    this.name = 'OfflineError';
  }
}

const isStateChanging = (method = 'GET') => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

async function request(path: string, init: RequestInit = {}): Promise<unknown> {
  const protocol = schemas();
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...init,
      // Every state change names its type, bodiless or not: the server refuses one without it (CSRF).
      headers: isStateChanging(init.method) ? { 'content-type': 'application/json', ...init.headers } : init.headers,
    });
  } catch (cause) {
    throw new OfflineError({ cause });
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  const parsed = (await protocol).apiErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    throw new ApiError(response.status, code, message, fields, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
  }
  if (response.status >= 500) throw new ApiError(response.status, 'server_error', MESSAGES.server_error);
  throw new ApiError(response.status, 'unexpected', unexpectedAnswerMessage(response.status));
}

const post = (path: string, body?: unknown) =>
  request(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

export type SignupInput = { email: string; password: string } & ({ workspaceName: string } | { inviteCode: string });

export const authApi = {
  async me(): Promise<Session> {
    const body = await request('/api/auth/me');
    return (await schemas()).sessionSchema.parse(body);
  },
  async login(email: string, password: string): Promise<Session> {
    const body = await post('/api/auth/login', { email, password });
    return (await schemas()).sessionSchema.parse(body);
  },
  async signup(input: SignupInput): Promise<Session> {
    const body = await post('/api/auth/signup', input);
    return (await schemas()).sessionSchema.parse(body);
  },
  async logout(): Promise<void> {
    await post('/api/auth/logout');
  },
  async createInvite(): Promise<InviteResponse> {
    const body = await post('/api/workspace/invites');
    return (await schemas()).inviteResponseSchema.parse(body);
  },
  /** The workspace's open invites, newest first. */
  async listInvites(): Promise<OpenInvite[]> {
    const body = await request('/api/workspace/invites');
    return (await schemas()).inviteListResponseSchema.parse(body).invites;
  },
  async revokeInvite(code: string): Promise<void> {
    await request(`/api/workspace/invites/${encodeURIComponent(code)}`, { method: 'DELETE' });
  },
};

export const visitorsApi = {
  /** Who changed the visitor and how, newest first: one page, the changes before `before` (a rev) if given. */
  async history(id: string, before?: number): Promise<HistoryResponse> {
    const query = before === undefined ? '' : `?before=${before}`;
    const path = `/api/visitors/${encodeURIComponent(id)}/history${query}`;
    const body = await request(path, { headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
    return (await schemas()).historyResponseSchema.parse(body);
  },
};
