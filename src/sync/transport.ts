import {
  apiErrorBodySchema,
  attachmentPath,
  attachmentUploadResponseSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  type AttachmentUploadResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../core/protocol';
import type { z } from 'zod';
import { ProtocolError, classifyResponse, classifyThrown } from '../core/errors';
import { SettledCursor } from '../core/client/settledCursor';

/** The network, as the engine sees it. Every method throws a SyncError on failure. */
export interface Transport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(since: number, limit: number): Promise<PullResponse>;
  /** Uploads a photo's bytes under their SHA-256 (the same bytes twice are one). */
  putAttachment(hash: string, bytes: ArrayBuffer, type: string): Promise<AttachmentUploadResponse>;
  /** A photo's bytes; null when the workspace has none under this hash (not uploaded yet). */
  getAttachment(hash: string): Promise<{ type: string; bytes: ArrayBuffer } | null>;
  /** Bytes of push and pull bodies sent and received since this transport was made (for Sync details). */
  traffic?(): Traffic;
}

export interface Traffic {
  sent: number;
  received: number;
}

export interface HttpTransportOptions {
  fetch: typeof fetch;
  baseUrl?: string;
  /** A request that hangs holds the sync lock; give up after this long (a retryable network error). */
  timeoutMs?: number;
  /** The same for a photo, which may take a while on a slow link. */
  attachmentTimeoutMs?: number;
  nowMs?: () => number;
  /** Sent as `x-outpost-drainer` ('page' | 'service-worker'), for server logs and e2e checks. */
  drainer?: string;
}

export function createHttpTransport({
  fetch: fetchFn,
  baseUrl = '',
  timeoutMs = 30_000,
  attachmentTimeoutMs = 120_000,
  nowMs = () => Date.now(),
  drainer,
}: HttpTransportOptions): Transport {
  const traffic: Traffic = { sent: 0, received: 0 };

  /** The answer, if it is a 2xx (or `allow`ed); any other is thrown as its SyncError. */
  async function send(path: string, init: RequestInit, options: { contentType?: string; timeout?: number; allow?: number } = {}) {
    try {
      const res = await fetchFn(baseUrl + path, {
        ...init,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          accept: 'application/json',
          ...(options.contentType ? { 'content-type': options.contentType } : {}),
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(drainer ? { 'x-outpost-drainer': drainer } : {}),
        },
        signal: AbortSignal.timeout(options.timeout ?? timeoutMs),
      });
      if (res.ok || res.status === options.allow) return res;
      const parsed = apiErrorBodySchema.safeParse(safeJson(await res.text().catch(() => '')));
      throw classifyResponse(res.status, res.headers, { ...(parsed.success ? { body: parsed.data } : {}), nowMs: nowMs() });
    } catch (e) {
      throw classifyThrown(e);
    }
  }

  async function json<S extends z.ZodType>(path: string, res: Response, schema: S, metered = false): Promise<z.infer<S>> {
    let body: unknown;
    try {
      // Read as bytes, to count them; decoding is what res.json() would do anyway.
      const bytes = await res.arrayBuffer();
      if (metered) traffic.received += bytes.byteLength;
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      // A body cut off mid-way is a network failure; anything else readable but not JSON is the server's fault.
      throw e instanceof SyntaxError ? new ProtocolError(`${path}: answer is not JSON`, { cause: e }) : classifyThrown(e);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ProtocolError(`${path}: answer does not match the protocol`, { details: { issues: parsed.error.issues.slice(0, 10) }, cause: parsed.error });
    }
    return parsed.data;
  }

  const request = async <S extends z.ZodType>(path: string, init: RequestInit & { body?: Uint8Array }, schema: S) => {
    if (init.body) traffic.sent += init.body.byteLength;
    return json(path, await send(path, init, init.body ? { contentType: 'application/json' } : {}), schema, true);
  };

  const settled = new SettledCursor();
  return {
    traffic: () => ({ ...traffic }),
    push(req) {
      const checked = pushRequestSchema.safeParse(req);
      if (!checked.success) {
        const error = new ProtocolError('push request does not match the protocol', { details: { issues: checked.error.issues.slice(0, 10) }, cause: checked.error });
        return Promise.reject(error);
      }
      return request('/api/sync/push', { method: 'POST', body: new TextEncoder().encode(JSON.stringify(req)) }, pushResponseSchema);
    },
    pull: (since, limit) => pullFrom(since, limit, settled, (path) => request(path, { method: 'GET' }, pullResponseSchema)),
    async putAttachment(hash, bytes, type) {
      const path = attachmentPath(hash);
      const res = await send(path, { method: 'PUT', body: bytes }, { contentType: type, timeout: attachmentTimeoutMs });
      return json(path, res, attachmentUploadResponseSchema);
    },
    async getAttachment(hash) {
      const path = attachmentPath(hash);
      const res = await send(path, { method: 'GET' }, { timeout: attachmentTimeoutMs, allow: 404 });
      if (res.status === 404) return null;
      try {
        return { type: res.headers.get('content-type') ?? 'application/octet-stream', bytes: await res.arrayBuffer() };
      } catch (e) {
        throw classifyThrown(e);
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One pull page, asking for compact changes when this transport finished a pull at `since`. */
async function pullFrom(since: number, limit: number, settled: SettledCursor, get: (path: string) => Promise<PullResponse>): Promise<PullResponse> {
  const qs = new URLSearchParams({ since: String(since), limit: String(limit), ...(settled.allowsCompact(since) ? { compact: '1' } : {}) });
  const page = await get(`/api/sync/pull?${qs}`);
  settled.answered(page);
  return page;
}
