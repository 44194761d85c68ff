import type { VisitorData } from '../../src/core/protocol';
import type { Backend } from './backend';
import { Device } from './client';
import { count, emptyTally, judge, type EditRecord, type PushedOp, type Tally } from './oracle';
import { mulberry32 } from './prng';
import type { Workload } from './workload';

export interface ReplayResult {
  tally: Tally;
  rounds: number;
  ops: number;
  opsAnsweredConflict: number;
  /** Records whose pulled state differed from the last push answer about them (should be 0). */
  pullDisagreements: number;
}

/**
 * Replays the workload against one backend: the visitors are created and pulled by everyone;
 * then, per round, the people offline make their edits, come online in the round's order and
 * push their outboxes, everyone pulls, and the round's edits are judged.
 */
export async function replay(workload: Workload, backend: Backend): Promise<ReplayResult> {
  const { clients, seed } = workload.options;
  const devices = Array.from({ length: clients }, (_, i) => new Device(i, mulberry32((seed ^ (0x9e3779b9 * (i + 1))) >>> 0)));
  const revs = new Map<string, number>();
  const tally = emptyTally();
  const result: ReplayResult = { tally, rounds: 0, ops: 0, opsAnsweredConflict: 0, pullDisagreements: 0 };
  const opIds = mulberry32(seed + 1);

  const seedItems = workload.visitors.map(({ id, data }) => ({
    op: { opId: opIds.uuid(), collection: 'visitors' as const, id, kind: 'create' as const, data },
    local: data,
  }));
  for (let i = 0; i < seedItems.length; i += 500) {
    const batch = seedItems.slice(i, i + 500);
    const answers = await backend.push(0, batch);
    answers.forEach((a, k) => {
      if (a.status !== 'applied' || a.rev === undefined) throw new Error(`seeding failed: ${JSON.stringify(a)}`);
      revs.set(batch[k]!.op.id, a.rev);
    });
  }
  await pullAll(backend, devices);

  for (const round of workload.rounds) {
    const edits: EditRecord[] = [];
    for (const { client, edits: abstract } of round.clients) {
      const device = devices[client]!;
      const mine = abstract.map((e) => ({ client, visitor: e.visitor, before: serverData(device, e.visitor), edit: device.edit(e) }));
      edits.push(...mine.map((m) => ({ ...m, atPush: device.view(m.visitor) })));
    }

    const pushed: PushedOp[] = [];
    for (const client of round.pushOrder) {
      const device = devices[client]!;
      const pending = device.pending();
      if (new Set(pending.map((p) => p.op.id)).size !== pending.length) throw new Error('two ops on one record in a batch');
      const revBefore = pending.map((p) => revs.get(p.op.id));
      const answers = pending.length ? await backend.push(client, pending) : [];
      answers.forEach((answer, k) => {
        const p = pending[k]!;
        pushed.push({ client, pending: p, revBefore: revBefore[k], answer });
        if (answer.rev !== undefined) revs.set(p.op.id, answer.rev);
        if (answer.status === 'conflict') result.opsAnsweredConflict += 1;
      });
      result.ops += pending.length;
      device.clearOutbox();
    }
    await pullAll(backend, devices);

    const observer = devices[0]!;
    const lastAnswer = new Map(pushed.map((p) => [p.pending.op.id, p.answer.record]));
    for (const [id, record] of lastAnswer) {
      if (JSON.stringify(record) !== JSON.stringify(observer.view(id))) result.pullDisagreements += 1;
    }
    for (const edit of edits) count(tally, edit, judge(edit, pushed, observer.view(edit.visitor)));
    result.rounds += 1;
  }
  return result;
}

function serverData(device: Device, id: string): VisitorData | null {
  const shadow = device.shadows.get(id);
  return shadow && !shadow.deleted ? shadow.data : null;
}

async function pullAll(backend: Backend, devices: readonly Device[]): Promise<void> {
  for (const device of devices) {
    for (;;) {
      const page = await backend.pull(device.index, device.cursor);
      device.applyPull(page.changes, page.cursor);
      if (!page.hasMore) break;
    }
  }
}
