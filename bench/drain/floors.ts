/** The drain bench's floors (bench/run.ts): the network, the server and IndexedDB on their own. */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { qaVisitor } from '../../src/app/qaHooks';
import { MAX_OPS_PER_PUSH } from '../../src/core/protocol';
import { idbBulkPut, pullEverything, pushInBatches } from '../inPage';
import { N, PROTOCOL_HEADERS, expectHeld, log, round, wireOps, type Account, type Bench } from './harness';

export interface Floors {
  pushMs: number;
  pullMs: number;
  idbPutMs: number;
}

/**
 * What the network, the server and IndexedDB cost with nothing of the app around them: N ops in
 * 500-op POSTs, every pull page of the drain's owner, one raw IndexedDB transaction of N rows.
 */
export async function floorJob(bench: Bench, context: BrowserContext, plain: Page, run: number, owner: Account): Promise<Floors> {
  const floorAccount = await bench.signUp(context, `floor${run}`);
  const pushMs = await plain.evaluate(pushInBatches, { ops: wireOps(`Visitor r${run}`, N), clientId: randomUUID(), size: MAX_OPS_PER_PUSH, headers: PROTOCOL_HEADERS });
  await expectHeld(bench, floorAccount, N, 'push floor');
  await bench.signIn(context, owner);
  const pulled = await plain.evaluate(pullEverything, { limit: 1000, headers: PROTOCOL_HEADERS });
  if (pulled.changes !== N) throw new Error(`pull floor: ${pulled.changes} changes`);
  const now = new Date();
  const rows = Array.from({ length: N }, (_, i) => {
    const data = qaVisitor(`Visitor r${run}`, i, now);
    return { id: randomUUID(), data, syncState: 'synced', sortName: data.name.toLowerCase(), serverRev: i + 1, localUpdatedAt: now.getTime() };
  });
  const idbPutMs = await plain.evaluate(idbBulkPut, { rows, name: `bench-floor-${run}` });
  log(`run ${run}: floors push ${round(pushMs)} ms, pull ${round(pulled.ms)} ms, idb put ${round(idbPutMs)} ms`);
  return { pushMs, pullMs: pulled.ms, idbPutMs };
}
