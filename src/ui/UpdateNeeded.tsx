import { useEffect } from 'react';
import { MESSAGES } from '../core/messages';
import { useShell } from './OutpostContext';

/**
 * The server no longer speaks this app's protocol version. Nothing was refused: the queued
 * changes wait. It asks for the new version at once; the "Update available" prompt then offers it.
 */
export function UpdateNeeded() {
  const { serviceWorker } = useShell();
  useEffect(() => serviceWorker.checkForUpdate(), [serviceWorker]);
  return (
    <div role="alert" className="notice">
      <p>{MESSAGES.update_required}</p>
      <button type="button" onClick={() => serviceWorker.checkForUpdate()}>
        Check for update
      </button>
    </div>
  );
}
