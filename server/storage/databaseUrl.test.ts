import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './databaseUrl';
import { openStorage } from './open';
import { PostgresStorage } from './postgres';

describe('parseDatabaseUrl', () => {
  it.each([
    ['./data/outpost.sqlite', './data/outpost.sqlite'],
    ['/var/lib/outpost.sqlite', '/var/lib/outpost.sqlite'],
    ['sqlite:./x.sqlite', './x.sqlite'],
    ['sqlite:x.sqlite', 'x.sqlite'],
    ['sqlite:///abs/path.sqlite', '/abs/path.sqlite'],
  ])('%s is the SQLite file %s', (url, file) => {
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'sqlite', file });
  });

  it('recognises PostgreSQL URLs and passes them on whole', () => {
    expect(parseDatabaseUrl('postgres://u:p@db/outpost')).toEqual({ kind: 'postgres', url: 'postgres://u:p@db/outpost' });
    expect(parseDatabaseUrl(' postgresql://db:5433/outpost?sslmode=require ')).toEqual({
      kind: 'postgres',
      url: 'postgresql://db:5433/outpost?sslmode=require',
    });
    expect(parseDatabaseUrl('POSTGRES://db/outpost').kind).toBe('postgres');
  });

  it('refuses a malformed PostgreSQL URL without echoing its password', () => {
    const malformed = 'postgres://outpost:hunter2@db:99999/outpost';
    expect(() => parseDatabaseUrl(malformed)).toThrow('not a valid PostgreSQL URL');
    expect(() => parseDatabaseUrl(malformed)).not.toThrow(/hunter2/);
    expect(() => parseDatabaseUrl('postgres://:hunter2@db:99999/outpost')).not.toThrow(/hunter2/);
    expect(() => parseDatabaseUrl('postgres://db:99999/outpost?password=hunter2')).not.toThrow(/hunter2/);
  });

  it('refuses empty and unknown URLs without echoing a password', () => {
    expect(() => parseDatabaseUrl(' ')).toThrow('DATABASE_URL is empty');
    expect(() => parseDatabaseUrl('sqlite:')).toThrow('names no file');
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/x')).toThrow(/not supported/);
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/x')).not.toThrow(/hunter2/);
  });
});

describe('openStorage', () => {
  it('opens PostgreSQL storage for postgres:// and postgresql:// URLs, connecting only when used', async () => {
    for (const url of ['postgres://u:p@127.0.0.1:1/outpost', 'postgresql://127.0.0.1:1/outpost']) {
      const storage = await openStorage(url);
      expect(storage).toBeInstanceOf(PostgresStorage);
      await storage.close();
    }
  });
});
