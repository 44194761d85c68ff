export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Reads `DATABASE_URL`: a file path, `sqlite:./rel.sqlite`, `sqlite:///abs/path.sqlite`,
 * or `postgres://` / `postgresql://`.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const value = url.trim();
  if (!value) throw new Error('DATABASE_URL is empty');
  if (/^postgres(ql)?:\/\//i.test(value)) {
    // Checked here, where the message can hide the password: pg throws a bare "Invalid URL"
    // that carries the whole URL, password included, in its `input` property.
    if (!URL.canParse(value)) throw new Error(`DATABASE_URL "${redact(value)}" is not a valid PostgreSQL URL`);
    return { kind: 'postgres', url: value };
  }
  if (/^sqlite:/i.test(value)) {
    const rest = value.slice('sqlite:'.length);
    const file = rest.startsWith('//') ? rest.slice(2) : rest;
    if (!file) throw new Error(`DATABASE_URL "${url}" names no file`);
    return { kind: 'sqlite', file };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(`DATABASE_URL "${redact(value)}" is not supported: use a file path, sqlite: or postgres:// URL`);
  }
  return { kind: 'sqlite', file: value };
}

/** Hides a password in a URL for error messages: `user:secret@` and `?password=secret`. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}
