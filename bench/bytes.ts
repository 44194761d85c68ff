/**
 * Bytes per edit: what one edited field costs on the wire, beside the whole record's size.
 *
 * The real server (the Fastify app on a real SQLite file in a temp dir, through `app.inject`),
 * one workspace, two devices. For each field edited, a fresh visitor of realistic size is
 * created and both devices pull it; then one device edits that one field and pushes, and the
 * other pulls from its cursor. Measured: the push request body, the push answer body, and the
 * pulled change of that record (its JSON), each in UTF-8 bytes, against the record's JSON.
 * Once speaking protocol 3 (whole records in answers and pulls, no baseRev) and once protocol 4.
 *
 * Also measured: the part of each that depends on the record (`payload`: the op's patch and
 * base, the answer's record or patch, the change's data or patch), apart from the envelope of
 * ids, revisions, times and author that any change carries.
 *
 * Writes bench/results/bytes-<date>.json and bench/results/latest-bytes.json (or into
 * BENCH_RESULTS_DIR), and prints the table for the README.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_HEADER, pullResponseSchema, pushResponseSchema, type VisitorData, type VisitorPatch } from '../src/core/protocol';
import { createOp, signup, startTestServer, updateOp, type TestServer } from '../server/test/helpers';

const TARGET = 0.1;

/** A visitor as the booth captures one: a card photo, interests, a few lines of notes. */
function realisticVisitor(): VisitorData {
  return {
    name: 'Margaret Hamilton',
    company: 'Hamilton Technologies, Inc.',
    email: 'margaret.hamilton@hamilton-tech.example.com',
    phone: '+1 617 555 0142',
    title: 'Director of Software Engineering',
    interests: ['flight software', 'formal methods', 'systems engineering', 'error detection', 'priority scheduling', 'lunar missions'],
    notes: [
      'Stopped by after the keynote; asked detailed questions about offline sync and conflict handling.',
      'Team of ~40 engineers, evaluating tools for field teams at three trade shows next quarter.',
      'Wants a demo of the merge of concurrent note edits, and the export to their CRM (CSV is fine).',
      'Follow up with pricing for 25 seats and the on-premises option; decision expected in March.',
      'Mentioned a pilot with the Boston office first. Prefers email, not phone, before 10 am ET.',
    ].join('\n'),
    captureMethod: 'business-card',
    capturedAt: '2026-11-20T14:32:05.000Z',
    rating: 4,
    followUp: true,
    cardPhoto: 'f'.repeat(8) + '3b1c9e0a7d5f4e2b8c6a1d9f0e3b7c5a2d8f6e4b1c9a7d5f3e1b8c6a4d2f0e9b'.slice(8),
    consent: true,
    consentVersion: '2026-09',
    consentAt: null,
    capturedBy: '',
    distinctFrom: [],
  };
}

/** The one-field edits measured: a short field each, and the notes (whose new value is itself long). */
const EDITS: { field: string; patch: (v: VisitorData) => VisitorPatch; short: boolean }[] = [
  { field: 'rating', patch: () => ({ rating: 5 }), short: true },
  { field: 'followUp', patch: () => ({ followUp: false }), short: true },
  { field: 'title', patch: () => ({ title: 'Chief Executive Officer' }), short: true },
  { field: 'phone', patch: () => ({ phone: '+1 617 555 0199' }), short: true },
  { field: 'interests (one added)', patch: (v) => ({ interests: [...v.interests, 'trade shows'] }), short: true },
  { field: 'notes (one line added)', patch: (v) => ({ notes: `${v.notes}\nCalled back: demo booked for the 14th.` }), short: false },
];

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

interface Measured {
  field: string;
  protocol: number;
  recordBytes: number;
  pushRequestBytes: number;
  pushAnswerBytes: number;
  pullChangeBytes: number;
  pushShare: number;
  pullShare: number;
  /** The op's patch and base plus the answer's record or patch. */
  pushPayloadBytes: number;
  /** The change's data or patch. */
  pullPayloadBytes: number;
}

async function measure(server: TestServer, cookies: [string, string], protocol: number, edit: (typeof EDITS)[number]): Promise<Measured> {
  const headers = (cookie: string) => ({ cookie, [PROTOCOL_HEADER]: String(protocol) });
  const pushBody = async (cookie: string, ops: unknown[]) => {
    const payload = JSON.stringify({ clientId: 'bench-bytes', ops });
    const res = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...headers(cookie), 'content-type': 'application/json' }, payload });
    if (res.statusCode !== 200) throw new Error(`push ${res.statusCode}: ${res.body}`);
    return { requestBytes: bytes(payload), answerBytes: bytes(res.body), answer: pushResponseSchema.parse(res.json()) };
  };
  const pull = async (cookie: string, since: number) => {
    // A device that finished a pull at `since` asks for compact changes (protocol 4; ignored by 3).
    const res = await server.app.inject({ method: 'GET', url: `/api/sync/pull?since=${since}&compact=1`, headers: headers(cookie) });
    if (res.statusCode !== 200) throw new Error(`pull ${res.statusCode}: ${res.body}`);
    return { raw: res.json() as { changes: unknown[] }, page: pullResponseSchema.parse(res.json()) };
  };

  const id = randomUUID();
  const data = realisticVisitor();
  const created = await pushBody(cookies[0], [createOp(id, data)]);
  const rev = created.answer.results[0]!.rev!;
  // The other device holds the record: its cursor is past the create.
  const { page: before } = await pull(cookies[1], rev - 1);
  const cursor = before.cursor;
  const { page: all } = await pull(cookies[0], 0);
  const record = all.changes.find((c) => c.id === id);
  if (!record || !('data' in record)) throw new Error('the record did not come back whole from a pull from 0');
  const recordBytes = bytes(JSON.stringify(record.data));

  const patch = edit.patch(record.data);
  const base = Object.fromEntries(Object.keys(patch).map((f) => [f, record.data[f as keyof VisitorData]]));
  const op = { ...updateOp(id, patch, base), ...(protocol >= 4 ? { baseRev: rev } : {}) };
  const pushed = await pushBody(cookies[0], [op]);
  if (pushed.answer.results[0]?.status !== 'applied') throw new Error(`the edit was ${pushed.answer.results[0]?.status}`);
  const { raw } = await pull(cookies[1], cursor);
  const change = raw.changes.find((c) => (c as { id: string }).id === id);
  if (!change) throw new Error('the edit did not come back in the pull');
  const pullChangeBytes = bytes(JSON.stringify(change));
  const pushBytes = pushed.requestBytes + pushed.answerBytes;
  const answered = pushed.answer.results[0]!;
  const json = (v: unknown) => (v === undefined ? 0 : bytes(JSON.stringify(v)));
  const pulled = change as { data?: unknown; patch?: unknown };
  return {
    field: edit.field,
    protocol,
    recordBytes,
    pushRequestBytes: pushed.requestBytes,
    pushAnswerBytes: pushed.answerBytes,
    pullChangeBytes,
    pushShare: round(pushBytes / recordBytes),
    pullShare: round(pullChangeBytes / recordBytes),
    pushPayloadBytes: json(op.patch) + json(op.base) + json(answered.record) + json(answered.patch),
    pullPayloadBytes: json(pulled.data) + json(pulled.patch),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function main() {
  const server = await startTestServer({ logger: false });
  try {
    const owner = await signup(server.app, { workspaceName: 'Booth team' });
    const { invite } = await import('../server/test/helpers');
    const other = await signup(server.app, { inviteCode: await invite(server.app, owner.cookie) });
    const cookies: [string, string] = [owner.cookie, other.cookie];
    const rows: Measured[] = [];
    for (const edit of EDITS) for (const protocol of [3, 4]) rows.push(await measure(server, cookies, protocol, edit));

    const result = { date: new Date().toISOString(), target: TARGET, node: process.version, rows };
    const json = `${JSON.stringify(result, null, 2)}\n`;
    const dir = process.env.BENCH_RESULTS_DIR ?? join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `bytes-${result.date.replaceAll(':', '-')}.json`), json);
    writeFileSync(join(dir, 'latest-bytes.json'), json);

    console.log('| edited field | record | push, protocol 3 → 4 | of it the record part | pull change, 3 → 4 | of it the record part |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const edit of EDITS) {
      const [p3, p4] = [3, 4].map((p) => rows.find((r) => r.field === edit.field && r.protocol === p)!) as [Measured, Measured];
      const push = (r: Measured) => r.pushRequestBytes + r.pushAnswerBytes;
      console.log(
        `| ${edit.field} | ${p3.recordBytes} B | ${push(p3)} → ${push(p4)} B (${pct(p4.pushShare)}) | ${p3.pushPayloadBytes} → ${p4.pushPayloadBytes} B (${pct(p4.pushPayloadBytes / p4.recordBytes)}) | ${p3.pullChangeBytes} → ${p4.pullChangeBytes} B (${pct(p4.pullShare)}) | ${p3.pullPayloadBytes} → ${p4.pullPayloadBytes} B (${pct(p4.pullPayloadBytes / p4.recordBytes)}) |`,
      );
    }
    console.log(`(percentages: of the record's ${rows[0]!.recordBytes} B; target ${pct(TARGET)})`);
  } finally {
    await server.close();
  }
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

await main();
