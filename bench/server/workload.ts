/** The push bodies of the server bench, built before the clock starts so the bench measures the server. */
import { randomUUID } from 'node:crypto';
import { visitorData } from '../../src/core/testing/visitorData';

export interface Workload {
  pushesPerClient: number;
  opsPerPush: number;
  /** Of each push after the first, how many ops edit a visitor this client created earlier. */
  updatesPerPush: number;
}

/** One client's push bodies, in the order it sends them: creates, then edits of its earlier visitors. */
export function pushBodies(client: number, w: Workload): string[] {
  const created: string[] = [];
  const bodies: string[] = [];
  const clientId = `bench-client-${client}`;
  for (let p = 0; p < w.pushesPerClient; p++) {
    const updates = p === 0 ? 0 : Math.min(w.updatesPerPush, created.length);
    const ops: unknown[] = [];
    for (let u = 0; u < updates; u++) {
      const id = created[(p * 37 + u * 11) % created.length]!;
      ops.push({ opId: randomUUID(), collection: 'visitors', id, kind: 'update', patch: { title: `Title ${p}.${u}` }, base: {} });
    }
    for (let c = updates; c < w.opsPerPush; c++) {
      const id = randomUUID();
      created.push(id);
      const data = visitorData({
        name: `Visitor ${client}-${p}-${c}`,
        email: `v${client}.${p}.${c}@example.com`,
        notes: `Met at the booth on day ${p % 3}; asked about pricing and the API.`,
        capturedAt: new Date(Date.UTC(2026, 10, 1, 9, c)).toISOString(),
      });
      ops.push({ opId: randomUUID(), collection: 'visitors', id, kind: 'create', data });
    }
    bodies.push(JSON.stringify({ clientId, ops }));
  }
  return bodies;
}
