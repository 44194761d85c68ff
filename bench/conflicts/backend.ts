import type { PullResponse, SyncOp, VisitorData } from '../../src/core/protocol';
import type { Answer } from './oracle';

/** One op as a device pushes it; `local` is the device's full record (what last-writer-wins sends). */
export interface PushItem {
  op: SyncOp;
  local: VisitorData | null;
  /**
   * Updates and deletes: the server revision of the device's copy when it made the edit (its
   * last pull), what a whole-record version check compares. Outpost never merges by it (its ops
   * name it only so an answer can be compact, and this replay's ops do not).
   */
  baseRev?: number;
}

/** A sync server as the replay sees it: the real one over HTTP, or a simulated strategy. */
export interface Backend {
  readonly name: string;
  push(client: number, items: readonly PushItem[]): Promise<Answer[]>;
  pull(client: number, since: number): Promise<Pick<PullResponse, 'changes' | 'cursor' | 'hasMore'>>;
  close(): Promise<void>;
}
