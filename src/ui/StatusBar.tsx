import { useState } from 'react';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';
import { useBrowserOnline, useDrainProgress, usePullProgress } from './hooks';
import { formatTime, plural } from './format';
import { waitingForAuthorMessage } from '../core/messages';
import { SyncDetails } from './lazyParts';

/** The sync state as `viewer` (the signed-in user's id) sees it. */
export function StatusBar({ viewer }: { viewer: string }) {
  const { pageSync } = useOutpost();
  // Paced (by the query): a drain changes the outbox every batch, and the counts read every op.
  const counts = useLive((q) => q.outboxCounts(viewer), [viewer]);
  const known = counts !== undefined;
  const { pending = 0, failed = 0, conflicts = 0, photosUploading = 0, waiting = [] } = counts ?? {};
  const status = useLive((q) => q.syncStatus(), []);
  const browserOnline = useBrowserOnline();
  const progress = useDrainProgress();
  const download = usePullProgress();
  const [syncing, setSyncing] = useState(false);
  const [showDetails, setShowDetails] = useState(false);

  const offline = !browserOnline || status?.state === 'offline';
  const parts: string[] = [];
  if (offline) parts.push('Offline');
  if (status?.state === 'auth-required') parts.push('Sign in to sync');
  if (status?.state === 'update-required') parts.push('Update needed — your changes are kept');
  if (pending > 0) parts.push(`${pending} pending`);
  if (failed > 0) parts.push(`${failed} failed`);
  if (conflicts > 0) parts.push(plural(conflicts, 'conflict'));
  if (photosUploading > 0) parts.push(`${plural(photosUploading, 'photo')} uploading`);
  // Other people's changes on this shared device go out only under their own session.
  for (const { count, email } of waiting) parts.push(waitingForAuthorMessage(count, email));
  // Until the counts are read nothing is claimed: "All changes synced" must never be a guess.
  if (known && pending === 0 && failed === 0 && conflicts === 0 && photosUploading === 0 && waiting.length === 0) parts.push('All changes synced');
  if (status?.state === 'error' && status.lastError) parts.push(status.lastError.message);
  const lastSynced = status?.lastSyncedAt ? `Last synced ${formatTime(status.lastSyncedAt)}` : 'Not synced yet';

  async function syncNow() {
    setSyncing(true);
    try {
      await pageSync.syncNow();
    } finally {
      setSyncing(false);
    }
  }

  return (
    <div className={`status-bar${offline ? ' offline' : ''}`}>
      <div role="status" aria-live="polite" aria-label="Sync status" className="status-text">
        <span>{parts.join(' · ')}</span>
        <span className="last-synced">{lastSynced}</span>
      </div>
      {offline && status?.lastError && status.state === 'offline' && (
        <p className="status-help">{status.lastError.message}</p>
      )}
      {download && (
        <progress aria-label="Downloading visitors" max={download.total} value={download.done}>
          {download.done} of {download.total}
        </progress>
      )}
      {progress && (
        <progress aria-label="Sync progress" max={progress.total} value={progress.done}>
          {progress.done} of {progress.total}
        </progress>
      )}
      <button type="button" onClick={syncNow} disabled={syncing || status?.state === 'syncing'}>
        Sync now
      </button>
      <button type="button" onClick={() => setShowDetails(true)}>
        Sync details
      </button>
      {showDetails && <SyncDetails onClose={() => setShowDetails(false)} />}
    </div>
  );
}
