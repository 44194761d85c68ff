import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/** Where Debian's postgresql-NN packages put their programs. */
const PG_ROOT = '/usr/lib/postgresql';
/** PostgreSQL refuses to run as root; as root the cluster runs as this system user. */
const PG_USER = 'postgres';

export interface PostgresCluster {
  /** An empty database made for the caller, trust auth, on 127.0.0.1. */
  url: string;
  /** The cluster's maintenance database, for `createDatabaseOn` from another process. */
  adminUrl: string;
  /** Makes another empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** The `bin` directory of the highest PostgreSQL version installed. */
export function findPostgresBin(root = PG_ROOT): string {
  const versions = fs.existsSync(root) ? fs.readdirSync(root) : [];
  const bin = versions
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'))[0];
  if (!bin) throw new Error(`No PostgreSQL found under ${root}/*/bin (on Debian: apt-get install postgresql)`);
  return bin;
}

/**
 * A throwaway cluster: initdb into a fresh temp dir, started on a free port with its socket in
 * that dir, so it never meets a system cluster. Durability is off: the data dies with the test.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const pgCtl = path.join(bin, 'pg_ctl');
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', PG_USER, '--', program, ...args]] : [program, args];
  const run = async (program: string, args: string[]) => {
    const [file, argv] = command(program, args);
    await execFileAsync(file, argv, { cwd: dir });
  };

  let started = false;
  const stopNow = () => {
    process.off('exit', stopNow);
    try {
      if (started) execFileSync(...command(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']), { cwd: dir, stdio: 'ignore' });
    } finally {
      started = false;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // Should the worker exit without afterAll (a crash), the server must not outlive it.
  process.on('exit', stopNow);

  try {
    if (asRoot) execFileSync('chown', [`${PG_USER}:`, dir]);
    await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    started = true;
    await run(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', 'start']);

    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const createDatabase = (name: string) => createDatabaseOn(adminUrl, name);
    const url = await createDatabase('outpost_test');
    return { url, adminUrl, createDatabase, stop: async () => stopNow() };
  } catch (err) {
    const serverLog = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '(no server log)';
    stopNow();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not start a throwaway PostgreSQL cluster with ${bin}: ${reason}\n${serverLog}`, { cause: err });
  }
}

/** Creates an empty database on the cluster of `adminUrl`; returns the database's URL. */
export async function createDatabaseOn(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
