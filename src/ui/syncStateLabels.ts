import type { LocalVisitor } from '../core/client/types';

export const SYNC_STATE_LABELS: Record<LocalVisitor['syncState'], string> = {
  synced: 'synced',
  pending: 'pending',
  conflict: 'conflict',
  failed: 'failed',
};
