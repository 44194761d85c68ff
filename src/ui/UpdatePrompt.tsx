import { useEffect, useState } from 'react';
import { useShell } from './OutpostContext';

export function UpdatePrompt() {
  const { serviceWorker } = useShell();
  const [waiting, setWaiting] = useState(false);
  useEffect(() => serviceWorker.onUpdateWaiting(() => setWaiting(true)), [serviceWorker]);
  if (!waiting) return null;
  return (
    <div role="alertdialog" aria-labelledby="update-title" aria-describedby="update-text" className="update-prompt">
      <h2 id="update-title">Update available</h2>
      <p id="update-text">A new version of Outpost is ready. Your unsynced changes are kept.</p>
      <button type="button" onClick={() => serviceWorker.applyUpdate()}>
        Update now
      </button>
      <button type="button" onClick={() => setWaiting(false)}>
        Not now
      </button>
    </div>
  );
}
