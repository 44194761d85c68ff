import { useCallback, useEffect, useState } from 'react';
import { DeviceOnlyNotice } from './DeviceOnlyNotice';
import { UpdateNeeded } from './UpdateNeeded';
import { useQueryClient } from '@tanstack/react-query';
import type { Session } from '../core/protocol';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';
import { StatusBar } from './StatusBar';
import { VisitorList } from './VisitorList';
import { VisitorForm } from './VisitorForm';
import { InviteButton } from './InviteButton';
import { SignOutButton } from './SignOutButton';
import { ConflictList } from './ConflictList';
import { ScanBadge } from './ScanBadge';
import { ConflictDialog, MergeDuplicatesDialog } from './lazyParts';
import { SESSION_KEY } from './useSession';
import type { SessionState } from '../app/session';
import type { VisitorData } from '../core/protocol';

/**
 * `form` tells one form from the next: a scan opens a fresh new-visitor form, and a merge reopens
 * the kept visitor with its merged values rather than the ones its form was opened with.
 */
type Editing = { id: string | null; prefill?: Partial<VisitorData>; form?: number } | null;

/** What a manifest shortcut asked for (`/?action=new-visitor` or `/?action=scan-badge`). */
function launchAction(): string | null {
  return new URLSearchParams(window.location.search).get('action');
}

export function Workspace({ session }: { session: Session }) {
  const { pageSync, startLiveUpdates } = useOutpost();
  const [launch] = useState(launchAction);
  const [editing, setEditing] = useState<Editing>(launch === 'new-visitor' ? { id: null } : null);
  const [resolving, setResolving] = useState<string | null>(null);
  const [merging, setMerging] = useState<readonly [string, string] | null>(null);
  const closeDialog = useCallback(() => setResolving(null), []);
  const [scanning, setScanning] = useState(launch === 'scan-badge');
  // Done once: a reload must not open the form again.
  useEffect(() => {
    if (launch !== null) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.hash);
  }, [launch]);
  const closeScan = useCallback(() => setScanning(false), []);
  const scanned = useCallback((prefill: Partial<VisitorData>) => {
    setScanning(false);
    setEditing({ id: null, prefill, form: Date.now() });
  }, []);
  // Sync while someone is signed in: at start, on `online`, on the backoff timer.
  useEffect(() => pageSync.start(), [pageSync]);
  useEffect(() => startLiveUpdates(), [startLiveUpdates]);
  const status = useLive((q) => q.syncStatus(), []);

  return (
    <div className={`workspace${editing ? ' is-editing' : ''}`}>
      <header className="app-header">
        <h1>Outpost</h1>
        <p className="workspace-name">
          {session.workspace.name} · {session.user.email}
        </p>
        <div className="header-actions">
          <InviteButton />
          <SignOutButton />
        </div>
      </header>
      <StatusBar viewer={session.user.id} />
      {status?.state === 'update-required' && <UpdateNeeded />}
      <DeviceOnlyNotice />
      {status?.state === 'auth-required' && <SessionExpired />}
      <main className="panes">
        <section className="list-pane" aria-label="Visitor list">
          <button type="button" className="primary" onClick={() => setEditing({ id: null })}>
            New visitor
          </button>
          <button type="button" onClick={() => setScanning(true)}>
            Scan badge
          </button>
          <ConflictList onOpen={setResolving} dialogOpen={resolving !== null} />
          <VisitorList selectedId={editing?.id ?? null} onOpen={(id) => setEditing({ id })} />
        </section>
        {editing && (
          <section className="form-pane" aria-label="Visitor details">
            <VisitorForm
              key={`${editing.id ?? 'new'}-${editing.form ?? 0}`}
              visitorId={editing.id}
              prefill={editing.prefill}
              onClose={() => setEditing(null)}
              onSaved={() => setEditing(null)}
              onResolveConflict={setResolving}
              onMergeDuplicates={setMerging}
            />
          </section>
        )}
      </main>
      {resolving && <ConflictDialog key={resolving} visitorId={resolving} onClose={closeDialog} />}
      {scanning && <ScanBadge onScanned={scanned} onClose={closeScan} />}
      {merging && (
        <MergeDuplicatesDialog
          key={merging.join()}
          ids={merging}
          onClose={() => setMerging(null)}
          onMerged={(keptId) => {
            setMerging(null);
            setEditing({ id: keptId, form: Date.now() });
          }}
        />
      )}
    </div>
  );
}

function SessionExpired() {
  const queryClient = useQueryClient();
  const signInAgain = () => queryClient.setQueryData<SessionState>(SESSION_KEY, { session: null, offline: false, expired: true });
  return (
    <div role="alert" className="notice">
      <p>Your session has expired. Sign in again to resume syncing — your changes are kept on this device.</p>
      <button type="button" onClick={signInAgain}>
        Sign in again
      </button>
    </div>
  );
}
