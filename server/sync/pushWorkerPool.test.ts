import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../src/core/protocol';
import { HttpError } from '../http/httpError';
import { openStorage } from '../storage/open';
import type { Storage } from '../storage/types';
import { PROTOCOL_VERSION } from '../../src/core/protocol';
import { createOp, visitor } from '../test/helpers';
import { newWorkspace, usePostgresCluster, type Member } from '../test/storageContract';
import type { PushExecutor, RawPushCall } from './pushExecutor';
import { startPushWorker } from './pushWorkerPool';

const bytes = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
const callFor = (member: Member, body: Uint8Array): RawPushCall => ({
  workspaceId: member.workspaceId,
  actor: { userId: member.userId, email: member.email },
  at: new Date().toISOString(),
  protocol: PROTOCOL_VERSION,
  body,
});

function pushWorkerTests(databaseUrl: () => string): void {
  let storage: Storage;
  let worker: PushExecutor;
  let member: Member;
  beforeAll(async () => {
    storage = await openStorage(databaseUrl());
    await storage.migrate();
    member = await newWorkspace(storage);
    worker = await startPushWorker(databaseUrl(), { maxQueued: 4 });
  });
  afterAll(async () => {
    await worker?.close();
    await storage?.close();
  });

  it('applies a push in the worker, visible to this thread’s connection', async () => {
    const id = randomUUID();
    const answer = await worker.push(callFor(member, bytes({ clientId: 'c', ops: [createOp(id, visitor({ name: 'Grace' }))] })));
    const response = pushResponseSchema.parse(JSON.parse(answer.json));
    expect(response.results.map((r) => r.status)).toEqual(['applied']);
    expect(answer).toMatchObject({ clientId: 'c', ops: 1, changed: true, cursor: response.cursor });
    const pulled = await storage.pull(member.workspaceId, 0, 10);
    expect(pulled.changes.map((c) => [c.id, c.data.name, c.updatedBy])).toEqual([[id, 'Grace', member.email]]);
  });

  it('answers bad input with the HttpError to send, and keeps serving', async () => {
    await expect(worker.push(callFor(member, bytes({ clientId: 'c', ops: 'none' })))).rejects.toMatchObject({ code: 'bad_request' });
    await expect(worker.push(callFor(member, new Uint8Array([0x7b, 0xff, 0x7d])))).rejects.toMatchObject({
      code: 'bad_request',
      message: 'The request body is not valid UTF-8',
    });
    await expect(worker.push(callFor(member, new TextEncoder().encode('{"__proto__": {"x": 1}}')))).rejects.toBeInstanceOf(HttpError);
    const answer = await worker.push(callFor(member, bytes({ clientId: 'c', ops: [] })));
    expect(JSON.parse(answer.json)).toMatchObject({ results: [] });
  });

  it('turns pushes away with server_busy once its queue is full, and runs the queued ones', async () => {
    const pushes = Array.from({ length: 4 }, () =>
      worker.push(callFor(member, bytes({ clientId: 'c', ops: [createOp(randomUUID(), visitor())] }))),
    );
    await expect(worker.push(callFor(member, bytes({ clientId: 'c', ops: [] })))).rejects.toMatchObject({ code: 'server_busy' });
    expect((await Promise.all(pushes)).map((a) => a.changed)).toEqual([true, true, true, true]);
  });
}

describe('push worker on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-push-worker-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  pushWorkerTests(() => path.join(dir, 'outpost.sqlite'));
});

describe('push worker on PostgreSQL', () => {
  const cluster = usePostgresCluster();
  pushWorkerTests(() => cluster().url);
});
