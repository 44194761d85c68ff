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

/** The network, as the engine sees it. Every method throws a SyncError on failure. */
export interface Transport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(since: number, limit: number): Promise<PullResponse>;
  /** Uploads a photo's bytes under their SHA-256 (the same bytes twice are one). */
  putAttachment(hash: string, bytes: ArrayBuffer, type: string): Promise<AttachmentUploadResponse>;
  /** A photo's bytes; null when the workspace has none under this hash (not uploaded yet). */
  getAttachment(hash: string): Promise<{ type: string; bytes: ArrayBuffer } | null>;
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

  async function json<S extends z.ZodType>(path: string, res: Response, schema: S): Promise<z.infer<S>> {
    let body: unknown;
    try {
      body = await res.json();
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

  const request = async <S extends z.ZodType>(path: string, init: RequestInit, schema: S) =>
    json(path, await send(path, init, init.body ? { contentType: 'application/json' } : {}), schema);

  return {
    push(req) {
      const checked = pushRequestSchema.safeParse(req);
      if (!checked.success) {
        const error = new ProtocolError('push request does not match the protocol', { details: { issues: checked.error.issues.slice(0, 10) }, cause: checked.error });
        return Promise.reject(error);
      }
      return request('/api/sync/push', { method: 'POST', body: JSON.stringify(req) }, pushResponseSchema);
    },
    pull(since, limit) {
      const qs = new URLSearchParams({ since: String(since), limit: String(limit) });
      return request(`/api/sync/pull?${qs}`, { method: 'GET' }, pullResponseSchema);
    },
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
