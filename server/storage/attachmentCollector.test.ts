import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAttachmentCollector, type AttachmentCollector } from './attachmentCollector';

const NOW = new Date('2025-05-03T12:00:00.000Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function logSpy() {
  return { info: vi.fn(), warn: vi.fn() };
}

let collector: AttachmentCollector | undefined;
afterEach(async () => {
  await collector?.stop();
  collector = undefined;
});

describe('startAttachmentCollector', () => {
  it('collects in every workspace what is older than the grace period, first soon, then on every tick', async () => {
    const calls: [string | null, string][] = [];
    const log = logSpy();
    const storage = { collectAttachments: async (workspaceId: string | null, olderThan: string) => calls.push([workspaceId, olderThan]) };
    collector = startAttachmentCollector({ storage, now: () => NOW, log }, { firstRunMs: 5, everyMs: 15, graceMs: 60_000 });
    expect(calls).toEqual([]);
    await vi.waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(3));
    expect(new Set(calls.map(String))).toEqual(new Set([String([null, '2025-05-03T11:59:00.000Z'])]));
    expect(log.info).toHaveBeenCalledWith({ removed: 1 }, 'collected unreferenced attachments');
  });

  it('logs a failed run and runs again on the next tick', async () => {
    const log = logSpy();
    let runs = 0;
    const storage = {
      collectAttachments: async () => {
        runs += 1;
        if (runs === 1) throw new Error('database is locked');
        return 0;
      },
    };
    collector = startAttachmentCollector({ storage, now: () => NOW, log }, { firstRunMs: 1, everyMs: 5 });
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(2));
    expect(log.warn).toHaveBeenCalledWith({ err: expect.objectContaining({ message: 'database is locked' }) }, 'collecting attachments failed');
    expect(log.info).not.toHaveBeenCalled(); // nothing removed, nothing to say
  });

  it('stop waits for the run under way and starts no other', async () => {
    let runs = 0;
    let finished = false;
    let started: () => void = () => undefined;
    const firstRun = new Promise<void>((resolve) => (started = resolve));
    const storage = {
      collectAttachments: async () => {
        runs += 1;
        started();
        await sleep(30);
        finished = true;
        return 0;
      },
    };
    collector = startAttachmentCollector({ storage, now: () => NOW, log: logSpy() }, { firstRunMs: 1, everyMs: 1 });
    await firstRun;
    await collector.stop();
    expect(finished).toBe(true);
    await sleep(20);
    expect(runs).toBe(1);
  });

  it('never runs when stopped before its first run', async () => {
    const collectAttachments = vi.fn(async () => 0);
    collector = startAttachmentCollector({ storage: { collectAttachments }, now: () => NOW, log: logSpy() }, { firstRunMs: 10 });
    await collector.stop();
    await sleep(25);
    expect(collectAttachments).not.toHaveBeenCalled();
  });
});
