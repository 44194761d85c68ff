/** Concurrent pushing clients, and a prober timing a small authenticated read while they run. */
import { performance } from 'node:perf_hooks';
import type { BenchClient } from './seed';

export interface LoadResult {
  wallMs: number;
  pushMs: number[];
  meMs: number[];
  failures: string[];
}

const JSON_HEADERS = { 'content-type': 'application/json' };

async function timed(url: string, init: RequestInit): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { ms: performance.now() - start, status: res.status };
}

/** Times `GET /api/auth/me` every `everyMs` until `until` settles. */
export async function probeMe(base: string, cookie: string, until: Promise<unknown>, everyMs = 20): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const samples: number[] = [];
  while (!done) {
    const { ms, status } = await timed(`${base}/api/auth/me`, { headers: { cookie } });
    if (status !== 200) throw new Error(`/api/auth/me answered ${status}`);
    samples.push(ms);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return samples;
}

/** Every client sends its bodies one after another; all clients at once. */
export async function runLoad(base: string, clients: BenchClient[], bodies: string[][], prober: BenchClient): Promise<LoadResult> {
  const pushMs: number[] = [];
  const failures: string[] = [];
  const start = performance.now();
  const pushing = Promise.all(
    clients.map(async (client, i) => {
      for (const body of bodies[i]!) {
        const { ms, status } = await timed(`${base}/api/sync/push`, {
          method: 'POST',
          headers: { ...JSON_HEADERS, cookie: client.cookie },
          body,
        });
        if (status !== 200) failures.push(`${client.email}: push answered ${status}`);
        pushMs.push(ms);
      }
    }),
  );
  const meMs = await probeMe(base, prober.cookie, pushing);
  await pushing;
  return { wallMs: performance.now() - start, pushMs, meMs, failures };
}
