import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { usePostgresCluster } from '../test/storageContract';
import { POKE_APPLICATION_NAME, createPostgresPokeHub } from './postgresPokeHub';

const clusterOf = usePostgresCluster();

describe('poke hub', () => {
  it('carries a poke published on one instance to subscribers on every instance, per workspace', async () => {
    const { url } = clusterOf();
    const [here, there] = [createPostgresPokeHub(url), createPostgresPokeHub(url)];
    try {
      await Promise.all([here.start(), there.start()]);
      const got = { there: [] as number[], thereOther: [] as number[], here: [] as number[] };
      there.subscribe('ws-1', (cursor) => got.there.push(cursor));
      there.subscribe('ws-2', (cursor) => got.thereOther.push(cursor));
      here.subscribe('ws-1', (cursor) => got.here.push(cursor));

      here.publish('ws-1', 41);
      here.publish('ws-2', 7);
      // Notifications arrive in order: once ws-2's is in, ws-1's has been delivered too.
      await vi.waitFor(() => expect(got.thereOther).toEqual([7]), { timeout: 10_000, interval: 10 });
      expect(got.there).toEqual([41]);
      await vi.waitFor(() => expect(got.here).toEqual([41]), { timeout: 10_000, interval: 10 });
    } finally {
      await Promise.all([here.close(), there.close()]);
    }
  });

  it('listens again after its connection is lost', async () => {
    const errors: Error[] = [];
    const options = { reconnectDelayMs: 20, onError: (err: Error) => errors.push(err) };
    const { url } = clusterOf();
    const [here, there] = [createPostgresPokeHub(url, options), createPostgresPokeHub(url, options)];
    const admin = new pg.Client({ connectionString: url });
    try {
      await Promise.all([here.start(), there.start(), admin.connect()]);
      const got: number[] = [];
      there.subscribe('ws', (cursor) => got.push(cursor));
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
        POKE_APPLICATION_NAME,
      ]);
      expect(killed.rowCount).toBeGreaterThanOrEqual(2); // both hubs; a closed one's backend may linger

      let cursor = 0;
      await vi.waitFor(
        () => {
          here.publish('ws', ++cursor); // dropped until both ends are back
          expect(got.length).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(errors.map((e) => e.message)).toContain('terminating connection due to administrator command');
    } finally {
      await Promise.all([here.close(), there.close(), admin.end()]);
    }
  });
});
