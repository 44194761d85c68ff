import type { Backend } from './backend';
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
      return res.results.map((r): Answer => {
        const answer: Answer = {
          status: r.status,
          ...(r.rev === undefined ? {} : { rev: r.rev }),
          record: r.deleted ? null : (r.record ?? null),
        };
        if (r.conflict) answer.conflict = { kind: r.conflict.kind, fields: r.conflict.fields, theirs: r.conflict.theirs };
        return answer;
      });
    },
    pull: (client, since) => pull(server.app, cookies[client]!, since),
    close: () => server.close(),
  };
}
