import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../core/protocol';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { getMeta, setMeta } from '../db/meta';
import { conflictRecord, queuedOp, visitorRow } from '../core/testing/rows';
import { ApiError, OfflineError } from './api';
import { createSessionService, WorkspaceSwitchError, type SessionService } from './session';

const session = (workspaceId: string, email = 'ada@example.com'): Session => ({
  user: { id: `u-${email}`, email },
  workspace: { id: workspaceId, name: `Workspace ${workspaceId}` },
});

let db: OutpostDb;
let api: { me: ReturnType<typeof vi.fn<() => Promise<Session>>>; logout: ReturnType<typeof vi.fn<() => Promise<void>>> };
let service: SessionService;
beforeEach(() => {
  db = openTestDb();
  api = { me: vi.fn(), logout: vi.fn(async () => undefined) };
  service = createSessionService({ db, api });
});
afterEach(() => db.close());

describe('load', () => {
  it('online: the server decides, and the session is remembered for offline starts', async () => {
    api.me.mockResolvedValue(session('w1'));
    expect(await service.load()).toEqual({ session: session('w1'), offline: false, expired: false });
    expect(await getMeta(db, 'session')).toEqual(session('w1'));
  });

  it('offline or a failing server: the remembered person keeps working', async () => {
    await setMeta(db, 'session', session('w1'));
    api.me.mockRejectedValueOnce(new OfflineError());
    expect(await service.load()).toEqual({ session: session('w1'), offline: true, expired: false });
    api.me.mockRejectedValueOnce(new ApiError(503, 'server_error', 'Down'));
    expect(await service.load()).toEqual({ session: session('w1'), offline: true, expired: false });
  });

  it('refused (401): nobody is signed in, expired only if someone was remembered', async () => {
    api.me.mockRejectedValue(new ApiError(401, 'unauthorized', 'Sign in'));
    expect(await service.load()).toEqual({ session: null, offline: false, expired: false });
    await setMeta(db, 'session', session('w1'));
    expect(await service.load()).toEqual({ session: null, offline: false, expired: true });
  });
});

describe('the stored session follows sign-in and sign-out (drains send only its person’s changes)', () => {
  it('a refused session stops its person’s changes; signing in again, or the server accepting it, lifts that', async () => {
    await setMeta(db, 'session', session('w1'));
    api.me.mockRejectedValueOnce(new ApiError(401, 'unauthorized', 'Sign in'));
    await service.load();
    // Kept for an offline start, but refused: the next cookie may be another person's.
    expect(await getMeta(db, 'session')).toEqual(session('w1'));
    expect(await getMeta(db, 'sessionRefused')).toBe('u-ada@example.com');

    await service.remember(session('w1', 'bo@example.com'));
    expect(await getMeta(db, 'session')).toEqual(session('w1', 'bo@example.com'));
    expect(await getMeta(db, 'sessionRefused')).toBeUndefined();

    await setMeta(db, 'sessionRefused', 'u-bo@example.com');
    api.me.mockResolvedValueOnce(session('w1', 'bo@example.com'));
    await service.load();
    expect(await getMeta(db, 'sessionRefused')).toBeUndefined();
  });

  it('signing out forgets the person: nobody’s changes go until someone signs in', async () => {
    await service.remember(session('w1'));
    expect(await service.signOut(() => true)).toBe('signed-out');
    expect(await getMeta(db, 'session')).toBeUndefined();
  });
});

describe('remember', () => {
  async function seedWorkspace(workspaceId: string) {
    await setMeta(db, 'localWorkspace', session(workspaceId).workspace);
    await setMeta(db, 'cursor', 9);
    await db.visitors.put(visitorRow('v1'));
    await db.shadows.put({ id: 'v1', collection: 'visitors', rev: 3, deleted: false, data: visitorRow('v1').data });
    await db.conflicts.put(conflictRecord('v1'));
  }

  it('the same workspace keeps its data', async () => {
    await seedWorkspace('w1');
    await service.remember(session('w1', 'grace@example.com'));
    expect(await db.visitors.count()).toBe(1);
    expect(await getMeta(db, 'cursor')).toBe(9);
    expect(await getMeta(db, 'session')).toEqual(session('w1', 'grace@example.com'));
  });

  it('another workspace, with nothing queued: the old data goes, the new workspace owns the device', async () => {
    await seedWorkspace('w1');
    await service.remember(session('w2'));
    expect([await db.visitors.count(), await db.shadows.count(), await db.conflicts.count()]).toEqual([0, 0, 0]);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
    expect(await getMeta(db, 'localWorkspace')).toEqual(session('w2').workspace);
    expect(await getMeta(db, 'session')).toEqual(session('w2'));
    expect(api.logout).not.toHaveBeenCalled();
  });

  it('another workspace while changes wait for the old one: nothing is touched, and it signs out again', async () => {
    await seedWorkspace('w1');
    await setMeta(db, 'session', session('w1'));
    await db.outbox.bulkAdd([queuedOp('v1'), queuedOp('v1', { state: 'failed' })]);
    const attempt = service.remember(session('w2'));
    await expect(attempt).rejects.toBeInstanceOf(WorkspaceSwitchError);
    await expect(attempt).rejects.toThrow('This device still has 2 unsynced changes for workspace “Workspace w1”.');
    expect(api.logout).toHaveBeenCalledTimes(1);
    expect([await db.visitors.count(), await db.outbox.count(), await db.conflicts.count()]).toEqual([1, 2, 1]);
    expect(await getMeta(db, 'cursor')).toBe(9);
    expect(await getMeta(db, 'localWorkspace')).toEqual(session('w1').workspace);
    expect(await getMeta(db, 'session')).toEqual(session('w1'));
  });
});

describe('signOut', () => {
  beforeEach(async () => {
    await setMeta(db, 'session', session('w1'));
    await db.visitors.put(visitorRow('v1'));
  });

  it('with nothing waiting: signs out on the server and forgets the person, without asking', async () => {
    const confirm = vi.fn(() => true);
    expect(await service.signOut(confirm)).toBe('signed-out');
    expect(confirm).not.toHaveBeenCalled();
    expect(api.logout).toHaveBeenCalledTimes(1);
    expect(await getMeta(db, 'session')).toBeUndefined();
    expect(await db.visitors.count()).toBe(1);
  });

  it('with changes waiting: asks with their number (rejected ones aside); a no keeps everything', async () => {
    await db.outbox.bulkAdd([queuedOp('v1'), queuedOp('v1'), queuedOp('v1', { state: 'failed' })]);
    const confirm = vi.fn(() => false);
    expect(await service.signOut(confirm)).toBe('cancelled');
    expect(confirm).toHaveBeenCalledWith(2);
    expect(api.logout).not.toHaveBeenCalled();
    expect(await getMeta(db, 'session')).toEqual(session('w1'));
  });

  it('a yes signs out; the outbox stays for the next sign-in', async () => {
    await db.outbox.add(queuedOp('v1'));
    expect(await service.signOut(async () => true)).toBe('signed-out');
    expect(await getMeta(db, 'session')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('when the server cannot be reached: still signed in here', async () => {
    api.logout.mockRejectedValue(new OfflineError());
    expect(await service.signOut(() => true)).toBe('unreachable');
    expect(await getMeta(db, 'session')).toEqual(session('w1'));
  });
});
