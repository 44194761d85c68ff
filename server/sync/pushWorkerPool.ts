import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/httpError';
import { fromWireError, type PushAnswer, type PushExecutor, type RawPushCall } from './pushExecutor';
import type { WorkerReply, WorkerRequest } from './pushWorkerMessages';

export interface PushWorkerOptions {
  /** Pushes waiting for or inside the worker before new ones are turned away (503). */
  maxQueued?: number;
  /** Told when the worker thread dies; a new one starts for the next push. */
  onCrash?: (error: Error) => void;
}

export const DEFAULT_MAX_QUEUED_PUSHES = 256;

interface Waiting {
  resolve(answer: PushAnswer): void;
  reject(error: Error): void;
}

/**
 * Pushes run in one worker thread with its own connection to `databaseUrl` (one writer is all
 * SQLite allows anyway, and a PostgreSQL push is mostly waiting on the database), so the main
 * event loop only moves bytes. A crashed worker fails the pushes it held (the clients retry)
 * and is replaced on the next push.
 */
export async function startPushWorker(databaseUrl: string, options: PushWorkerOptions = {}): Promise<PushExecutor> {
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED_PUSHES;
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let worker = await spawn(databaseUrl, onReply, onExit);
  let restarting: Promise<Worker> | null = null;

  function onReply(reply: WorkerReply): void {
    if (reply.type !== 'answer' && reply.type !== 'failed') return;
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.type === 'answer') entry?.resolve(reply.answer);
    else entry?.reject(fromWireError(reply.error));
  }

  function onExit(error: Error): void {
    for (const entry of waiting.values()) entry.reject(new HttpError('internal'));
    waiting.clear();
    options.onCrash?.(error);
    restarting ??= spawn(databaseUrl, onReply, onExit).finally(() => (restarting = null));
    restarting.then((fresh) => (worker = fresh)).catch(() => undefined);
  }

  return {
    async push(call: RawPushCall): Promise<PushAnswer> {
      if (waiting.size >= maxQueued) throw new HttpError('server_busy');
      if (restarting) worker = await restarting;
      const id = nextId++;
      const answer = new Promise<PushAnswer>((resolve, reject) => waiting.set(id, { resolve, reject }));
      const request: WorkerRequest = { type: 'push', id, call };
      worker.postMessage(request);
      return answer;
    },
    async close(): Promise<void> {
      const closing = worker;
      closing.removeAllListeners('exit');
      const closed = new Promise<void>((resolve) => {
        closing.on('message', (reply: WorkerReply) => reply.type === 'closed' && resolve());
        closing.once('exit', () => resolve());
      });
      closing.postMessage({ type: 'close' } satisfies WorkerRequest);
      await closed;
      await closing.terminate();
    },
  };
}

function spawn(databaseUrl: string, onReply: (reply: WorkerReply) => void, onExit: (error: Error) => void): Promise<Worker> {
  const worker = newWorker(databaseUrl);
  return new Promise<Worker>((resolve, reject) => {
    const starting = (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        worker.off('message', starting);
        worker.on('message', onReply);
        let crash: Error | null = null;
        worker.on('error', (error) => (crash = error));
        worker.once('exit', (code) => onExit(crash ?? new Error(`the push worker exited with code ${code}`)));
        resolve(worker);
      } else if (reply.type === 'startFailed') {
        void worker.terminate();
        reject(fromWireError(reply.error));
      }
    };
    worker.on('message', starting);
    worker.once('error', (error) => {
      worker.off('message', starting);
      reject(error);
    });
    worker.once('exit', (code) => reject(new Error(`the push worker exited with code ${code} while starting`)));
  });
}

/**
 * The built worker (dist-server/pushWorker.js, beside the bundled server) when there is one;
 * from the sources (tests, `npm run dev:server`) it is loaded through tsx.
 */
function newWorker(databaseUrl: string): Worker {
  const built = new URL('./pushWorker.js', import.meta.url);
  if (fs.existsSync(built)) return new Worker(built, { workerData: { databaseUrl } });
  const source = new URL('./pushWorker.ts', import.meta.url).href;
  const bootstrap = `import { tsImport } from 'tsx/esm/api'; await tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: { databaseUrl } });
}
