import { ATTACHMENT_GRACE_MS, graceCutoff } from './attachments';
import type { Storage } from './types';

const MINUTE = 60 * 1000;

export interface AttachmentCollectorOptions {
  /** The first run, a while after start so that it does not compete with the start itself. */
  firstRunMs?: number;
  /** The runs after that. Hourly is plenty: nothing younger than the grace period goes anyway. */
  everyMs?: number;
  graceMs?: number;
}

export interface AttachmentCollectorDeps {
  storage: Pick<Storage, 'collectAttachments'>;
  now: () => Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface AttachmentCollector {
  /** No run starts after this; resolves once a run under way has finished (close storage after). */
  stop(): Promise<void>;
}

/**
 * Deletes the photos no live visitor references any more, in every workspace, on a timer that
 * never keeps the process alive. A failed run is logged and the next one tries again.
 */
export function startAttachmentCollector(
  { storage, now, log }: AttachmentCollectorDeps,
  { firstRunMs = MINUTE, everyMs = 60 * MINUTE, graceMs = ATTACHMENT_GRACE_MS }: AttachmentCollectorOptions = {},
): AttachmentCollector {
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const collect = async () => {
    try {
      const removed = await storage.collectAttachments(null, graceCutoff(now().toISOString(), graceMs));
      if (removed > 0) log.info({ removed }, 'collected unreferenced attachments');
    } catch (err) {
      log.warn({ err }, 'collecting attachments failed');
    }
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = null;
      running = collect().finally(() => {
        running = null;
        if (!stopped) schedule(everyMs);
      });
    }, ms);
    timer.unref();
  };
  schedule(firstRunMs);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
