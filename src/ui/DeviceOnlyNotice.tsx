import { useEffect, useState } from 'react';
import { deviceOnlyWarning } from '../core/client/deviceOnly';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';

const RECHECK_MS = 60_000;

/**
 * Warns when changes have waited more than an hour on this device while the browser has not
 * promised to keep its storage: a browser short of space may clear it, unsynced captures with it.
 */
export function DeviceOnlyNotice() {
  const { storagePersisted, backup } = useOutpost();
  const [backupError, setBackupError] = useState<string | null>(null);
  const backUp = () =>
    backup.download().then(
      () => setBackupError(null),
      (e: unknown) => setBackupError(e instanceof Error ? e.message : 'The backup could not be written. Try again.'),
    );
  const queued = useLive((q) => q.queuedSince(), []);
  const [persisted, setPersisted] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let alive = true;
    const check = () => {
      setNow(Date.now());
      void storagePersisted().then((value) => alive && setPersisted(value));
    };
    check();
    const timer = window.setInterval(check, RECHECK_MS);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, [storagePersisted, queued?.pending]);
  const warning = queued ? deviceOnlyWarning({ persisted, pending: queued.pending, oldestAt: queued.oldestAt, now }) : null;
  if (!warning) return null;
  return (
    <div role="alert" className="notice">
      <p>{warning}</p>
      <p>This browser may clear them if the device runs short of space. Connect to the internet so they sync, or keep a backup.</p>
      <button type="button" onClick={() => void backUp()}>
        Export a backup
      </button>
      {backupError && <p>{backupError}</p>}
    </div>
  );
}
