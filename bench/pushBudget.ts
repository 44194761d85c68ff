/**
 * Issue 12, item 1, reproduced: a visitor whose notes are 5,000 lines, then one push of 420
 * updates whose `base.notes` is ~800 other lines, so every op needs a full-size text merge.
 * Prints how long that push took to answer, what it answered, and how long another person's
 * `GET /api/auth/me` waited meanwhile. Run: `npx tsx bench/pushBudget.ts`. The server (SQLite) runs
 * in a child process, so that a stalled server cannot stall the clock measuring it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app';
import { openStorage } from '../server/storage/open';
import { visitorData } from '../src/core/testing/visitorData';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `count` one-letter lines from a fixed seed: short lines, so 5,000 of them fit in the notes. */
function lines(count: number, seed: number): string[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return LETTERS[state % LETTERS.length]!;
  });
}

/** The child: a server on a fresh SQLite file; prints its URL, stops when its stdin closes. */
async function serve(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-push-budget-'));
  const storage = await openStorage(path.join(dir, 'outpost.sqlite'));
  await storage.migrate();
  const app = await buildApp({ storage, logger: false, authThrottle: {} });
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void app.close().then(() => storage.close()).then(() => fs.rmSync(dir, { recursive: true, force: true }));
  });
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  try {
    const signup = async (email: string) => {
      const res = await fetch(`${url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'correct horse battery', workspaceName: 'Booth' }),
      });
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const attacker = await signup('visitor@example.com');
    const bystander = await signup('bystander@example.com');
    const push = (ops: unknown[]) =>
      fetch(`${url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: attacker },
        body: JSON.stringify({ clientId: randomUUID(), ops }),
      });

    const id = randomUUID();
    const server = lines(5000, 1).join('\n');
    await push([{ opId: randomUUID(), collection: 'visitors', id, kind: 'create', data: visitorData({ notes: server }) }]);
    const base = lines(798, 2);
    const updates = Array.from({ length: 420 }, (_, i) => {
      // A short new value keeps 420 ops within one push's 1 MiB; the base alone makes the merge big.
      const patch = { notes: `rewritten ${i}` };
      return { opId: randomUUID(), collection: 'visitors', id, kind: 'update', patch, base: { notes: base.join('\n') } };
    });

    let pending = true;
    const started = performance.now();
    const answer = push(updates).then(async (res) => {
      const ms = performance.now() - started;
      pending = false;
      return { ms, status: res.status, body: await res.json() };
    });
    // The bystander asks who they are every 10 ms while the push is under way.
    let meMs = 0;
    while (pending) {
      const meStarted = performance.now();
      await fetch(`${url}/api/auth/me`, { headers: { cookie: bystander } });
      meMs = Math.max(meMs, performance.now() - meStarted);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const { ms, status, body } = await answer;
    if (status !== 200) throw new Error(`push answered ${status}: ${JSON.stringify(body)}`);
    const counts: Record<string, number> = {};
    for (const r of (body as { results: { status: string; error?: { code: string } }[] }).results) {
      const key = r.error ? `${r.status} ${r.error.code}` : r.status;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    console.log(JSON.stringify({ pushAnswerMs: Math.round(ms), status, results: counts, meLongestWaitMs: Math.round(meMs) }));
  } finally {
    child.stdin.end();
  }
}

await (process.argv.includes('--serve') ? serve() : main());
