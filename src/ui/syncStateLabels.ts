import type { LocalVisitor } from '../db/schema';

export const SYNC_STATE_LABELS: Record<LocalVisitor['syncState'], string> = {
  synced: 'synced',
  pending: 'pending',
  conflict: 'conflict',
  failed: 'failed',
};
