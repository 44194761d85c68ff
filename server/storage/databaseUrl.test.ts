import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './databaseUrl';
import { openStorage } from './open';

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

  it('recognises PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('postgres://u:p@db/outpost').kind).toBe('postgres');
    expect(parseDatabaseUrl('postgresql://db/outpost').kind).toBe('postgres');
  });

  it('refuses empty and unknown URLs without echoing a password', () => {
    expect(() => parseDatabaseUrl(' ')).toThrow('DATABASE_URL is empty');
    expect(() => parseDatabaseUrl('sqlite:')).toThrow('names no file');
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/x')).toThrow(/not supported/);
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/x')).not.toThrow(/hunter2/);
  });
});

describe('openStorage', () => {
  it('says plainly that PostgreSQL is not available yet', async () => {
    await expect(openStorage('postgres://db/outpost')).rejects.toThrow('PostgreSQL support is not available yet');
  });
});
