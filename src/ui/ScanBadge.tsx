import { lazy, Suspense } from 'react';
import type { ScanBadgeProps } from './ScanBadgeDialog';

// The scanner (its UI, the badge parser, the camera) is a chunk of its own, loaded when first
// opened; the service worker precaches it with the other scripts, so it opens offline too.
const ScanBadgeDialog = lazy(() =>
  import('./ScanBadgeDialog').then(
    (module) => ({ default: module.ScanBadgeDialog }),
    () => ({ default: ScanBadgeUnavailable }),
  ),
);

/** "Scan badge", while mounted. */
export function ScanBadge(props: ScanBadgeProps) {
  return (
    <Suspense fallback={null}>
      <ScanBadgeDialog {...props} />
    </Suspense>
  );
}

/** Only when the chunk could not be fetched: the app was never fully loaded with a connection. */
function ScanBadgeUnavailable({ onClose }: ScanBadgeProps) {
  return (
    <div role="alert" className="notice error">
      <p>Scanning could not be loaded. Reload Outpost with a connection, then try again.</p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
