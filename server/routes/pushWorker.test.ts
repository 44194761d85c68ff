import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openStorage } from '../storage/open';
import { createPokeHub } from '../sync/pokeHub';
import { startPushWorker, type PushWorkerOptions } from '../sync/pushWorkerPool';
import { CURRENT_PROTOCOL, createOp, pullWhole, push, signup, visitor } from '../test/helpers';

/** The push route in front of the push worker, as `server/main.ts` runs it (on SQLite). */
describe('push through the worker thread', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function startWorkerApp(options: PushWorkerOptions = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-push-route-'));
    const databaseUrl = path.join(dir, 'outpost.sqlite');
    const storage = await openStorage(databaseUrl);
    await storage.migrate();
    const pokes = createPokeHub();
    const pushes = await startPushWorker(databaseUrl, options);
    const app: FastifyInstance = await buildApp({ storage, pokes, pushes });
    closers.push(async () => {
      await app.close();
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return { app, pokes };
  }

  it('applies the push, answers it, and pokes the workspace’s open pages', async () => {
    const { app, pokes } = await startWorkerApp();
    const { cookie, session } = await signup(app);
    const poked: number[] = [];
    pokes.subscribe(session.workspace.id, (cursor) => poked.push(cursor));
    const id = randomUUID();

    const response = await push(app, cookie, [createOp(id, visitor({ name: 'Grace' }))]);
    expect(response.results.map((r) => r.status)).toEqual(['applied']);
    expect(poked).toEqual([response.cursor]);
    expect((await pullWhole(app, cookie)).changes.map((c) => [c.id, c.data.name])).toEqual([[id, 'Grace']]);
  });

  it('answers bad bodies with the same 400s as in-process', async () => {
    const { app } = await startWorkerApp();
    const { cookie } = await signup(app);
    const headers = { ...CURRENT_PROTOCOL, cookie, 'content-type': 'application/json' };
    const broken = await app.inject({ method: 'POST', url: '/api/sync/push', headers, payload: '{"clientId": ' });
    expect([broken.statusCode, broken.json().error.code]).toEqual([400, 'bad_request']);
    const empty = await app.inject({ method: 'POST', url: '/api/sync/push', headers });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'bad_request']);
  });

  it('answers 503 with Retry-After when the worker’s queue is full', async () => {
    const { app } = await startWorkerApp({ maxQueued: 0 });
    const { cookie } = await signup(app);
    const res = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...CURRENT_PROTOCOL, cookie }, payload: { clientId: 'c', ops: [] } });
    expect([res.statusCode, res.headers['retry-after'], res.json().error.code]).toEqual([503, '1', 'server_busy']);
  });
});
