import fs from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl } from './databaseUrl';
import { PostgresStorage } from './postgres';
import { SqliteStorage } from './sqlite';
import type { Storage } from './types';

/** The one place that picks a storage implementation from `DATABASE_URL`. Call `migrate()` next. */
export async function openStorage(url: string): Promise<Storage> {
  const target = parseDatabaseUrl(url);
  switch (target.kind) {
    case 'sqlite': {
      const file = path.resolve(target.file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      return new SqliteStorage(file);
    }
    case 'postgres':
      return new PostgresStorage(target.url);
  }
}
