/**
 * A database as the app of protocol 1 (Dexie schema version 4) left it on a booth tablet that
 * went offline: one visitor created, one edited and one deleted while offline, their ops queued
 * in that version's shape (no `consent` anywhere). The schema test opens it with the current
 * code; the e2e test loads it into a browser profile before the new app starts.
 *
 * `USER` and `WORKSPACE` are placeholders the e2e test replaces with a real account's ids.
 */
export const PROTOCOL_1_DEXIE_VERSION = 4;

/** The stores as Dexie declared them at version 4 (primary key first, then the indexes). */
export const PROTOCOL_1_STORES = {
  visitors: 'id, sortName',
  shadows: 'id',
  outbox: '++seq, id, state, author.id',
  conflicts: 'id',
  meta: 'key',
  attachments: 'hash, [state+addedAt]',
} as const;

export const USER = { id: 'USER_ID', email: 'USER_EMAIL' };
export const WORKSPACE = { id: 'WORKSPACE_ID', name: 'WORKSPACE_NAME' };

const CREATED = '0190f0a0-0000-7000-8000-000000000001';
const EDITED = '0190f0a0-0000-7000-8000-000000000002';
const DELETED = '0190f0a0-0000-7000-8000-000000000003';

const visitor = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  company: 'Difference Engines',
  email: '',
  phone: '',
  title: '',
  interests: ['engines'],
  notes: '',
  captureMethod: 'manual',
  capturedAt: '2026-11-20T10:00:00.000Z',
  rating: 3,
  followUp: false,
  cardPhoto: null,
  ...extra,
});

/** Records the server already had (the e2e test creates them there first, at these revisions). */
export const PROTOCOL_1_SERVER_RECORDS = [
  { id: EDITED, rev: 1, data: visitor('Charles Babbage') },
  { id: DELETED, rev: 2, data: visitor('Lady Byron') },
];

export const PROTOCOL_1_ROWS = {
  visitors: [
    { id: CREATED, data: visitor('Offline Capture'), syncState: 'pending', sortName: 'offline capture', localUpdatedAt: 1_764_000_000_000 },
    {
      id: EDITED,
      data: visitor('Charles Babbage', { title: 'Inventor' }),
      syncState: 'pending',
      sortName: 'charles babbage',
      serverRev: 1,
      localUpdatedAt: 1_764_000_000_000,
    },
  ],
  shadows: [
    { id: EDITED, collection: 'visitors', rev: 1, deleted: false, data: visitor('Charles Babbage') },
    { id: DELETED, collection: 'visitors', rev: 2, deleted: false, data: visitor('Lady Byron') },
  ],
  outbox: [
    {
      seq: 1,
      opId: '0190f0a0-0000-7000-8000-0000000000a1',
      collection: 'visitors',
      id: CREATED,
      kind: 'create',
      data: visitor('Offline Capture'),
      state: 'pending',
      attempts: 0,
      createdAt: 1_764_000_000_000,
      author: USER,
    },
    {
      seq: 2,
      opId: '0190f0a0-0000-7000-8000-0000000000a2',
      collection: 'visitors',
      id: EDITED,
      kind: 'update',
      patch: { title: 'Inventor' },
      base: { title: '' },
      state: 'pending',
      attempts: 0,
      createdAt: 1_764_000_000_001,
      author: USER,
    },
    {
      seq: 3,
      opId: '0190f0a0-0000-7000-8000-0000000000a3',
      collection: 'visitors',
      id: DELETED,
      kind: 'delete',
      base: visitor('Lady Byron'),
      state: 'pending',
      attempts: 0,
      createdAt: 1_764_000_000_002,
      author: USER,
    },
  ],
  conflicts: [],
  meta: [
    { key: 'cursor', value: 2 },
    { key: 'clientId', value: '0190f0a0-0000-7000-8000-0000000000c1' },
    { key: 'session', value: { user: USER, workspace: WORKSPACE } },
  ],
  attachments: [],
};

export const PROTOCOL_1_IDS = { CREATED, EDITED, DELETED };
