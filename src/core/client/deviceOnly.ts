/** How long changes may wait on a device whose storage the browser may evict before the app warns. */
export const DEVICE_ONLY_WARNING_AFTER_MS = 60 * 60 * 1000;

export interface DeviceOnlyState {
  /** Whether the browser promised to keep this site's storage (`navigator.storage.persisted()`). */
  persisted: boolean;
  /** Changes waiting to be sent. */
  pending: number;
  /** When the oldest of them was made (epoch ms); null when none waits. */
  oldestAt: number | null;
  now: number;
}

/**
 * The warning that changes exist only on this device, in storage the browser may evict, and
 * have for more than an hour (pure): "3 changes only on this device for 2 h". Null: nothing to say.
 */
export function deviceOnlyWarning({ persisted, pending, oldestAt, now }: DeviceOnlyState): string | null {
  if (persisted || pending === 0 || oldestAt === null) return null;
  const waited = now - oldestAt;
  if (waited <= DEVICE_ONLY_WARNING_AFTER_MS) return null;
  return `${pending} change${pending === 1 ? '' : 's'} only on this device for ${formatWait(waited)}`;
}

function formatWait(ms: number): string {
  const hours = Math.floor(ms / (60 * 60 * 1000));
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
