import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createOp, visitor } from '../test/helpers';
import { newWorkspace, pushOps, range, usePostgresStorage } from '../test/storageContract';
import { PostgresStorage } from './postgres';
import { POSTGRES_MIGRATIONS, runPostgresMigrations } from './postgresMigrations';

// What only PostgreSQL has to do: several server processes on one database. What every storage
// does is in `*.contract.test.ts`.
const { storage: storageOf, cluster: clusterOf } = usePostgresStorage();

describe('PostgresStorage', () => {
  it('serializes concurrent pushes to one workspace: revisions in order, none skipped by a concurrent pull', async () => {
    const [storage, cluster] = [storageOf(), clusterOf()];
    const member = await newWorkspace(storage);
    const otherInstance = new PostgresStorage(cluster.url); // a second server process, its own pool
    const PUSHES = 40;
    const OPS_PER_PUSH = 5;
    try {
      let pushing = true;
      const seen: number[] = [];
      const puller = (async () => {
        for (let cursor = 0; ; ) {
          const last = !pushing; // decided before the pull, so the final pull starts after every commit
          const page = await storage.pull(member.workspaceId, cursor, 7);
          seen.push(...page.changes.map((c) => c.rev));
          cursor = page.cursor;
          if (last && !page.hasMore) return;
        }
      })();
      const plans = await Promise.all(
        range(1, PUSHES).map((n) =>
          pushOps(
            n % 2 ? storage : otherInstance,
            member,
            range(1, OPS_PER_PUSH).map(() => createOp(randomUUID(), visitor({ name: `Lead ${n}` }))),
          ),
        ),
      );
      pushing = false;
      await puller;

      const total = PUSHES * OPS_PER_PUSH;
      for (const plan of plans) {
        const revs = plan.results.map((r) => r.rev);
        expect(revs).toEqual(range(plan.rev - OPS_PER_PUSH + 1, plan.rev)); // each batch one unbroken block
      }
      expect(plans.flatMap((p) => p.results.map((r) => r.rev)).sort((x, y) => x! - y!)).toEqual(range(1, total));
      expect(seen).toEqual(range(1, total)); // strictly increasing, no gap, no repeat
    } finally {
      await otherInstance.close();
    }
  });
});

describe('runPostgresMigrations', () => {
  it('applies each migration once when two processes migrate a new database together', async () => {
    const url = await clusterOf().createDatabase('migration_race');
    const [first, second] = [new PostgresStorage(url), new PostgresStorage(url)];
    const inspect = new pg.Client({ connectionString: url });
    try {
      await Promise.all([first.migrate(), second.migrate()]);
      await first.migrate(); // already up to date: a no-op, not an error
      await inspect.connect();
      const { rows } = await inspect.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all([first.close(), second.close(), inspect.end()]);
    }
  });

  it('rolls a failing migration back whole and names it', async () => {
    const url = await clusterOf().createDatabase('migration_failure');
    const pool = new pg.Pool({ connectionString: url });
    try {
      const broken = { version: 999, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT 1 / 0;' };
      await expect(runPostgresMigrations(pool, [...POSTGRES_MIGRATIONS, broken])).rejects.toThrow('migration 999 (broken) failed');
      const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect((await pool.query(`SELECT to_regclass('half_done') AS t`)).rows[0]).toEqual({ t: null });
    } finally {
      await pool.end();
    }
  });
});
