import type { Backend, PushItem } from './backend';
import type { VisitorData } from '../../src/core/protocol';
import type { Answer } from './oracle';
import { invite, pull, push, signup, startTestServer } from '../../server/test/helpers';

/**
 * The real server (I/O): the Fastify app on a real SQLite file in a temp dir, driven through
 * `app.inject`; the devices are the members of one workspace (the owner and invited people).
 */
export async function startOutpostBackend(clients: number): Promise<Backend> {
  const server = await startTestServer({ logger: false });
  const owner = await signup(server.app, { workspaceName: 'Booth team' });
  const cookies = [owner.cookie];
  for (let i = 1; i < clients; i++) {
    const code = await invite(server.app, owner.cookie);
    cookies.push((await signup(server.app, { inviteCode: code })).cookie);
  }
  return {
    name: 'Outpost (field-level merge)',
    async push(client, items) {
      const res = await push(server.app, cookies[client]!, items.map((i) => i.op));
      return res.results.map((r, i): Answer => {
        const answer: Answer = {
          status: r.status,
          ...(r.rev === undefined ? {} : { rev: r.rev }),
          record: r.deleted ? null : (r.record ?? rebuilt(items[i]!.op, r.patch)),
        };
        if (r.conflict) answer.conflict = { kind: r.conflict.kind, fields: r.conflict.fields, theirs: r.conflict.theirs };
        return answer;
      });
    },
    pull: (client, since) => pull(server.app, cookies[client]!, since),
    close: () => server.close(),
  };
}

/**
 * A compact answer's record (protocol 4). These devices' updates name no baseRev, so only a
 * create is answered compactly: its data with the server's fields over it.
 */
function rebuilt(op: PushItem['op'], patch: Record<string, unknown> | undefined): VisitorData | null {
  if (!patch) return null;
  if (op.kind !== 'create') throw new Error(`a compact answer to a ${op.kind} that named no baseRev`);
  return { ...op.data, ...patch } as VisitorData;
}
