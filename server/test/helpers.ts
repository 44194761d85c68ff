import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  sessionSchema,
  type PullPage,
  type PullResponse,
  isCompactChange,
  type PushResponse,
  type Session,
  type VisitorData,
  type VisitorPatch,
} from '../../src/core/protocol';
import * as wire from '../../src/core/testing/wireOps';
import { buildApp, type AppOptions } from '../app';
import { DEFAULT_AUTH_THROTTLE } from '../auth/authThrottle';
import { openStorage } from '../storage/open';
import type { Storage } from '../storage/types';
import { inject } from 'vitest';
import { createDatabaseOn } from './postgresCluster';

export interface TestServer {
  app: FastifyInstance;
  storage: Storage;
  dir: string;
  /** Moves the server clock: `clock.offsetMs = 31 * DAY`. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export const DAY = 24 * 60 * 60 * 1000;

/**
 * API tests sign many people up from one address (inject's 127.0.0.1), so the test server lifts
 * the sign-up limit; the throttle's own tests pass `authThrottle: {}` for the real limits.
 */
const MANY_SIGNUPS = { signupByAddress: { ...DEFAULT_AUTH_THROTTLE.signupByAddress, limit: 1_000_000 } };

/**
 * The API tests run on a SQLite file, or with `OUTPOST_TEST_STORAGE=postgres` (as
 * `npm run test:server:postgres` does) on the throwaway PostgreSQL cluster that
 * `server/test/globalSetup.ts` started for the run, a fresh database per server.
 */
async function openTestStorage(dir: string): Promise<Storage> {
  // Outside Vitest (the conflict bench drives this server too) there is nothing to inject.
  const adminUrl = process.env.VITEST ? inject('postgresAdminUrl') : null;
  if (!adminUrl) return openStorage(path.join(dir, 'outpost.sqlite'));
  return openStorage(await createDatabaseOn(adminUrl, `outpost_${randomUUID().replace(/-/g, '')}`));
}

/** Real storage (see `openTestStorage`) and the app in front of it. */
export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-server-'));
  const storage = await openTestStorage(dir);
  await storage.migrate();
  const clock = { offsetMs: 0 };
  const app = await buildApp({ storage, now: () => new Date(Date.now() + clock.offsetMs), authThrottle: MANY_SIGNUPS, ...options });
  await app.ready();
  return {
    app,
    storage,
    dir,
    clock,
    async close() {
      await app.close();
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  cookie: string;
  session: Session;
}

let emailSeq = 0;
export function uniqueEmail(prefix = 'user'): string {
  emailSeq += 1;
  return `${prefix}${emailSeq}@example.com`;
}

/** `outpost_session=…` from a response, ready for a `cookie` request header. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith('outpost_session='));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return header.split(';')[0]!;
}

export async function signup(
  app: FastifyInstance,
  body: { email?: string; password?: string; workspaceName?: string; inviteCode?: string } = {},
): Promise<SignedIn> {
  const payload = {
    email: body.email ?? uniqueEmail(),
    password: body.password ?? 'correct horse battery',
    ...(body.inviteCode ? { inviteCode: body.inviteCode } : { workspaceName: body.workspaceName ?? 'Booth team' }),
  };
  const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookieOf(res.headers['set-cookie']), session: sessionSchema.parse(res.json()) };
}

export async function invite(app: FastifyInstance, cookie: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/workspace/invites', headers: { cookie } });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { code: string }).code;
}

export { visitor } from '../../src/core/testing/wireOps';

/** Ops as they travel; random opIds, as two server tests may share a database. */
export const createOp = (id: string, data: VisitorData, opId: string = randomUUID()) => wire.createOp(id, data, opId);
export const updateOp = (id: string, patch: VisitorPatch, base: VisitorPatch, opId: string = randomUUID()) => wire.updateOp(id, patch, base, opId);
export const deleteOp = (id: string, base?: VisitorPatch, opId: string = randomUUID()) => wire.deleteOp(id, base, opId);

/** The header of a client speaking the current protocol (a request without it speaks version 1). */
export const CURRENT_PROTOCOL = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

/** Pushes, as a current client, and checks the answer against the shared schema. */
export async function push(app: FastifyInstance, cookie: string, ops: unknown[]): Promise<PushResponse> {
  const res = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { cookie, ...CURRENT_PROTOCOL }, payload: { clientId: 'test-client', ops } });
  if (res.statusCode !== 200) throw new Error(`push failed: ${res.statusCode} ${res.body}`);
  return pushResponseSchema.parse(res.json());
}

/** Pulls and checks the answer against the shared schema. */
export async function pull(app: FastifyInstance, cookie: string, since = 0, limit?: number, { compact = false } = {}): Promise<PullResponse> {
  const query = new URLSearchParams({ since: String(since), ...(limit ? { limit: String(limit) } : {}), ...(compact ? { compact: '1' } : {}) });
  const res = await app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: { cookie, ...CURRENT_PROTOCOL } });
  if (res.statusCode !== 200) throw new Error(`pull failed: ${res.statusCode} ${res.body}`);
  return pullResponseSchema.parse(res.json());
}

/** Pulls from the start, where every change is whole (nothing to build on), and says so. */
export async function pullWhole(app: FastifyInstance, cookie: string): Promise<PullPage> {
  const page = await pull(app, cookie, 0);
  const changes = page.changes.map((c) => {
    if (isCompactChange(c)) throw new Error(`a pull from 0 answered a compact change of ${c.id}`);
    return c;
  });
  return { ...page, changes };
}

/** A test server and one signed-up person in a workspace of their own: the start of most API tests. */
export async function serverWithOnePerson(): Promise<{ server: TestServer; ann: SignedIn }> {
  const server = await startTestServer();
  return { server, ann: await signup(server.app) };
}
