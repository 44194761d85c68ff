import {
  apiErrorBodySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../core/protocol';
import type { z } from 'zod';
import { ProtocolError, classifyResponse, classifyThrown } from '../core/errors';

/** The network, as the engine sees it. Both methods throw a SyncError on failure. */
export interface Transport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(since: number, limit: number): Promise<PullResponse>;
}

export interface HttpTransportOptions {
  fetch: typeof fetch;
  baseUrl?: string;
  /** A request that hangs holds the sync lock; give up after this long (a retryable network error). */
  timeoutMs?: number;
  nowMs?: () => number;
  /** Sent as `x-outpost-drainer` ('page' | 'service-worker'), for server logs and e2e checks. */
  drainer?: string;
}

export function createHttpTransport({
  fetch: fetchFn,
  baseUrl = '',
  timeoutMs = 30_000,
  nowMs = () => Date.now(),
  drainer,
}: HttpTransportOptions): Transport {
  async function request<S extends z.ZodType>(path: string, init: RequestInit, schema: S): Promise<z.infer<S>> {
    let res: Response;
    let body: unknown;
    try {
      res = await fetchFn(baseUrl + path, {
        ...init,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          accept: 'application/json',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(drainer ? { 'x-outpost-drainer': drainer } : {}),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        const parsed = apiErrorBodySchema.safeParse(safeJson(text));
        throw classifyResponse(res.status, res.headers, {
          ...(parsed.success ? { body: parsed.data } : {}),
          nowMs: nowMs(),
        });
      }
      body = await res.json().catch((e: unknown) => {
        // A body cut off mid-way is a network failure; anything else readable but not JSON is the server's fault.
        throw e instanceof SyntaxError ? new ProtocolError(`${path}: answer is not JSON`, { cause: e }) : e;
      });
    } catch (e) {
      throw classifyThrown(e);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ProtocolError(`${path}: answer does not match the protocol`, {
        details: { issues: parsed.error.issues.slice(0, 10) },
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  return {
    push(req) {
      const checked = pushRequestSchema.safeParse(req);
      if (!checked.success) {
        return Promise.reject(
          new ProtocolError('push request does not match the protocol', {
            details: { issues: checked.error.issues.slice(0, 10) },
            cause: checked.error,
          }),
        );
      }
      return request('/api/sync/push', { method: 'POST', body: JSON.stringify(req) }, pushResponseSchema);
    },
    pull(since, limit) {
      const qs = new URLSearchParams({ since: String(since), limit: String(limit) });
      return request(`/api/sync/pull?${qs}`, { method: 'GET' }, pullResponseSchema);
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
