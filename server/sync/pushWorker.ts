/**
 * The push worker thread's entry (see pushWorkerPool.ts): opens its own connection to the
 * database, then runs each push it is sent and posts the answer back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStorage } from '../storage/open';
import { runRawPush, toWireError } from './pushExecutor';
import type { WorkerReply, WorkerRequest } from './pushWorkerMessages';

async function serve(databaseUrl: string): Promise<void> {
  const port = parentPort!;
  const storage = await openStorage(databaseUrl);
  await storage.migrate();
  const running = new Set<Promise<void>>();
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'close') {
      void Promise.allSettled(running)
        .then(() => storage.close())
        .then(() => port.postMessage({ type: 'closed' } satisfies WorkerReply));
      return;
    }
    const run = runRawPush(storage, message.call)
      .then(
        (answer): WorkerReply => ({ type: 'answer', id: message.id, answer }),
        (error: unknown): WorkerReply => ({ type: 'failed', id: message.id, error: toWireError(error) }),
      )
      .then((reply) => port.postMessage(reply))
      .finally(() => running.delete(run));
    running.add(run);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

serve((workerData as { databaseUrl: string }).databaseUrl).catch((error: unknown) => {
  parentPort!.postMessage({ type: 'startFailed', error: toWireError(error) } satisfies WorkerReply);
});
