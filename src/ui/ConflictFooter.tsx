import type { ReactNode } from 'react';
import type { ConflictRecord, LocalVisitor } from '../core/client/types';
import type { ConflictResolution } from '../data/visitors';
import { VisitorHistory } from './lazyParts';

/** What each kind of conflict's choices get from the dialog. */
export interface ConflictBodyProps {
  conflict: ConflictRecord;
  row: LocalVisitor;
  /** Who made the other change ("A teammate" when unknown). */
  who: string;
  /** When they made it, formatted; empty when unknown. */
  when: string;
  /** Why the last resolution could not be saved; null when there is nothing to say. */
  error: string | null;
  onResolve: (resolution: ConflictResolution) => Promise<void>;
  /** "Later": closes the dialog, the conflict stays. */
  onLater: () => void;
}

/**
 * The end of the dialog, the same for every kind of conflict: the record's history, the error
 * of the last attempt, and the actions — the kind's own buttons (`children`), then "Later".
 */
export function ConflictFooter({
  conflict,
  row,
  error,
  onLater,
  children,
}: Pick<ConflictBodyProps, 'conflict' | 'row' | 'error' | 'onLater'> & { children: ReactNode }) {
  return (
    <>
      <details className="conflict-history">
        <summary>History</summary>
        <VisitorHistory visitorId={conflict.id} serverRev={row.serverRev} />
      </details>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        {children}
        <button type="button" onClick={onLater}>
          Later
        </button>
      </div>
    </>
  );
}
