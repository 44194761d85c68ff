import { useId, useState } from 'react';
import { PROTOCOL_VERSION } from '../core/protocol';
import { EMPTY_SYNC_STATS, diagnosticsReport, pushLatency } from '../core/client/syncStats';
import { ModalDialog } from './ModalDialog';
import { useLive } from './useLive';
import { useSession } from './useSession';
import { plural } from './format';

/** package.json `version`, put in by the build (vite.config.ts `define`). */
declare const __APP_VERSION__: string;
const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'development';

type Copied = { ok: true } | { ok: false; report: string } | null;

/**
 * "Sync details": what this device measured of its syncs (meta `syncStats`, written by the
 * engine in pages and in the service worker), and a report of it for support.
 */
export function SyncDetails({ onClose }: { onClose: () => void }) {
  const stats = useLive((q) => q.syncStats(), []) ?? EMPTY_SYNC_STATS;
  const email = useSession().data?.session?.user.email ?? null;
  const [copied, setCopied] = useState<Copied>(null);
  const latency = pushLatency(stats);
  const errorsTitle = useId();

  async function copy() {
    const report = diagnosticsReport(stats, { appVersion: APP_VERSION, protocolVersion: PROTOCOL_VERSION, signedInAs: email, now: Date.now() });
    try {
      await navigator.clipboard.writeText(report);
      setCopied({ ok: true });
    } catch {
      setCopied({ ok: false, report });
    }
  }

  const rows: [string, string][] = [
    ['Last push', timeOf(stats.lastPushAt) ?? 'Never'],
    ['Last pull', timeOf(stats.lastPullAt) ?? 'Never'],
    [
      'Push time',
      latency.count ? `${latency.p50} ms typical, ${latency.p95} ms slowest 5% (last ${plural(latency.count, 'push', 'pushes')})` : 'No pushes yet',
    ],
    ['Sent', `${plural(stats.opsSent, 'change')}, ${bytesOf(stats.bytesSent)}`],
    ['Received', `${plural(stats.opsReceived, 'change')}, ${bytesOf(stats.bytesReceived)}`],
    ['Conflicts', String(stats.conflicts)],
    ['App version', APP_VERSION],
    ['Protocol version', String(PROTOCOL_VERSION)],
  ];

  return (
    <ModalDialog title="Sync details" className="conflict-dialog sync-details" onClose={onClose}>
      <p>Totals on this device.</p>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 id={errorsTitle}>Recent errors</h3>
      {stats.errors.length ? (
        <ul aria-labelledby={errorsTitle}>
          {stats.errors.map((e) => (
            <li key={`${e.at}-${e.code}`}>
              {timeOf(e.at)}: {e.message}
            </li>
          ))}
        </ul>
      ) : (
        <p>No errors.</p>
      )}
      <div role="status">
        {copied?.ok && 'Diagnostics copied to the clipboard.'}
        {copied && !copied.ok && 'The browser did not allow copying. Select the text below and copy it yourself.'}
      </div>
      {copied && !copied.ok && (
        <textarea aria-label="Diagnostics" readOnly rows={10} value={copied.report} onFocus={(e) => e.currentTarget.select()} />
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void copy()}>
          Copy diagnostics
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function timeOf(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function bytesOf(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
