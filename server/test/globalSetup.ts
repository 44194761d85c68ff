import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgresCluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set when the API tests run on PostgreSQL (`OUTPOST_TEST_STORAGE=postgres`); null for SQLite. */
    postgresAdminUrl: string | null;
  }
}

/**
 * One throwaway PostgreSQL cluster for a whole `OUTPOST_TEST_STORAGE=postgres` run, started and
 * stopped here in the main process: test workers end without running exit hooks, so a
 * cluster started inside one would outlive the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.OUTPOST_TEST_STORAGE !== 'postgres') {
    project.provide('postgresAdminUrl', null);
    return;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
