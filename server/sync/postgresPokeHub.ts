import pg from 'pg';
import { createPokeHub, type PokeHub } from './pokeHub';

export const POKE_CHANNEL = 'outpost_pokes';
/** How the hub's connection shows in `pg_stat_activity`. */
export const POKE_APPLICATION_NAME = 'outpost-pokes';

export interface PostgresPokeHub extends PokeHub {
  /** Connects and LISTENs; pokes published before that are dropped. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface PostgresPokeHubOptions {
  /** Told about a lost connection, a failed reconnect or publish, an unreadable notification. */
  onError?: (err: Error) => void;
  /** First wait before reconnecting; doubles up to 30 s while the database stays away. */
  reconnectDelayMs?: number;
}

const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Pokes that cross server instances: `publish` NOTIFYs every instance listening on the
 * database, this one included, and each fans the poke out to its own subscribers. One
 * dedicated connection does both, and is opened again if it drops.
 */
export function createPostgresPokeHub(connectionString: string, options: PostgresPokeHubOptions = {}): PostgresPokeHub {
  const local = createPokeHub();
  const report = options.onError ?? (() => undefined);
  const firstDelay = options.reconnectDelayMs ?? 1_000;
  let client: pg.Client | null = null;
  let closed = false;
  let delay = firstDelay;
  let retry: NodeJS.Timeout | undefined;

  const deliver = (message: pg.Notification) => {
    const poke = parsePoke(message.payload);
    if (poke) local.publish(poke.workspaceId, poke.cursor);
    else report(new Error(`Unreadable poke on ${POKE_CHANNEL}: ${message.payload}`));
  };

  const lost = (which: pg.Client, err?: Error) => {
    if (closed || which !== client) return;
    if (err) report(err);
    client = null;
    which.end().catch(() => undefined);
    retry = setTimeout(reconnect, delay);
    delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
  };

  const listen = async (): Promise<pg.Client> => {
    const next = new pg.Client({ connectionString, application_name: POKE_APPLICATION_NAME });
    next.on('notification', deliver);
    next.on('error', (err) => lost(next, err));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${POKE_CHANNEL}`);
    } catch (err) {
      await next.end().catch(() => undefined);
      throw err;
    }
    return next;
  };

  const reconnect = () => {
    listen().then(
      (next) => {
        if (closed) return void next.end().catch(() => undefined);
        client = next;
        delay = firstDelay;
      },
      (err: unknown) => {
        report(err instanceof Error ? err : new Error(String(err)));
        if (!closed) retry = setTimeout(reconnect, delay);
        delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
      },
    );
  };

  return {
    subscribe: local.subscribe,
    publish(workspaceId, cursor) {
      // Pokes are hints (pages also pull on start and reconnect): one lost while the
      // connection is away is not worth queueing.
      client?.query('SELECT pg_notify($1, $2)', [POKE_CHANNEL, JSON.stringify({ workspaceId, cursor })]).catch(report);
    },
    async start() {
      client = await listen();
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end();
    },
  };
}

function parsePoke(payload: string | undefined): { workspaceId: string; cursor: number } | null {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    if (typeof value !== 'object' || value === null) return null;
    const { workspaceId, cursor } = value as Record<string, unknown>;
    return typeof workspaceId === 'string' && Number.isSafeInteger(cursor) ? { workspaceId, cursor: cursor as number } : null;
  } catch {
    return null;
  }
}
