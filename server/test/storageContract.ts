import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { OpEnvelope, PullPage } from '../../src/core/protocol';
import { planPush, type PushPlan } from '../../src/core/push/planPush';
import { validateOp } from '../../src/core/push/validateOp';
import { PostgresStorage } from '../storage/postgres';
import { SqliteStorage } from '../storage/sqlite';
import type { Storage } from '../storage/types';
import { uniqueEmail } from './helpers';
import { startPostgresCluster, type PostgresCluster } from './postgresCluster';

/*
 * What the storage contract tests share (`server/storage/*.contract.test.ts`): each runs the same
 * tests on a SQLite file and on a throwaway PostgreSQL cluster, talking to `Storage` directly.
 */

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2025-05-01T10:00:00.000Z');
/** Server time `hours` after the start of the story. */
export const at = (hours = 0) => new Date(T0 + hours * HOUR).toISOString();

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export interface Member {
  userId: string;
  email: string;
  workspaceId: string;
}

export async function newWorkspace(storage: Storage, name = 'Booth team'): Promise<Member> {
  const member = { userId: randomUUID(), email: uniqueEmail(), workspaceId: randomUUID() };
  const result = await storage.createWorkspaceAccount(
    { id: member.userId, email: member.email, passwordHash: 'scrypt$hash' },
    { id: member.workspaceId, name },
    at(),
  );
  if (!result.ok) throw new Error(`could not create a workspace: ${result.reason}`);
  return member;
}

export async function joinWorkspace(storage: Storage, owner: Member): Promise<Member> {
  const code = `INV-${randomUUID()}`;
  await storage.createInvite({ code, workspaceId: owner.workspaceId, createdBy: owner.userId, expiresAt: at(24) }, at());
  const member = { userId: randomUUID(), email: uniqueEmail(), workspaceId: owner.workspaceId };
  const result = await storage.joinWorkspaceAccount({ id: member.userId, email: member.email, passwordHash: 'h' }, code, at());
  if (!result.ok) throw new Error(`could not join: ${result.reason}`);
  return member;
}

/** Pushes a batch the way `POST /api/sync/push` does. */
export function pushOps(storage: Storage, member: Member, ops: OpEnvelope[], when = at()): Promise<PushPlan> {
  const items = ops.map(validateOp);
  const lookup = { opIds: items.map((i) => i.opId), records: ops.map(({ collection, id }) => ({ collection, id })) };
  const actor = { userId: member.userId, email: member.email };
  return storage.push(member.workspaceId, lookup, (state) => planPush(items, state, actor, when));
}

/** Follows the cursor page by page until the server says there is no more. */
export async function pullAll(storage: Storage, member: Member, since: number, limit: number): Promise<PullPage[]> {
  const pages: PullPage[] = [];
  for (let cursor = since; ; ) {
    const page = await storage.pull(member.workspaceId, cursor, limit);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
}

/** Tests of one topic of the contract, given the storage under test (valid inside a test). */
export type ContractTests = (storageOf: () => Storage) => void;

/**
 * What every `Storage` must do, whatever is behind it: runs each topic's tests, as
 * `describe(topic)`, against a migrated SQLite file and a migrated PostgreSQL database.
 */
export function describeEachStorage(topics: Record<string, ContractTests>): void {
  const run = (storageOf: () => Storage) => {
    for (const [topic, tests] of Object.entries(topics)) describe(topic, () => tests(storageOf));
  };
  describe('SqliteStorage', () => run(useSqliteStorage()));
  describe('PostgresStorage', () => run(usePostgresStorage().storage));
}

/** A migrated SQLite file for the tests of the enclosing `describe`. */
export function useSqliteStorage(): () => SqliteStorage {
  let dir: string;
  let storage: SqliteStorage;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-contract-'));
    storage = new SqliteStorage(path.join(dir, 'outpost.sqlite'));
    await storage.migrate();
  });
  afterAll(async () => {
    await storage?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => storage;
}

/** A throwaway PostgreSQL cluster for the tests of the enclosing `describe`. */
export function usePostgresCluster(): () => PostgresCluster {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => cluster;
}

/** A migrated storage on a throwaway cluster's database, for the tests of the enclosing `describe`. */
export function usePostgresStorage(): { storage: () => PostgresStorage; cluster: () => PostgresCluster } {
  const cluster = usePostgresCluster();
  let storage: PostgresStorage;
  beforeAll(async () => {
    storage = new PostgresStorage(cluster().url);
    await storage.migrate();
  });
  afterAll(async () => {
    await storage?.close();
  });
  return { storage: () => storage, cluster };
}
