import { useState } from 'react';
import { DUPLICATE_RULE_LABELS, matchingRules } from '../core/duplicates/duplicateKeys';
import type { LocalVisitor } from '../core/client/types';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';
import { usePullProgress } from './hooks';
import { storageErrorMessage } from './storageErrorMessage';

/** On an open visitor: each other visitor that may be the same person, with "Merge duplicates" and "Not the same person". */
export function DuplicateNotice({ visitor, onMerge }: { visitor: LocalVisitor; onMerge: (ids: readonly [string, string]) => void }) {
  // Not while a workspace downloads (VisitorList.tsx says why).
  const downloading = usePullProgress() !== null;
  const duplicates = useLive((q) => (downloading ? null : q.possibleDuplicates()), [downloading]);
  const others = duplicates?.get(visitor.id) ?? [];
  return (
    <>
      {others.map((otherId) => (
        <PossibleDuplicate key={otherId} visitor={visitor} otherId={otherId} onMerge={onMerge} />
      ))}
    </>
  );
}

function PossibleDuplicate({ visitor, otherId, onMerge }: { visitor: LocalVisitor; otherId: string; onMerge: (ids: readonly [string, string]) => void }) {
  const { visitors } = useOutpost();
  const other = useLive((q) => q.visitor(otherId), [otherId]);
  const [error, setError] = useState<string | null>(null);
  if (!other) return null;
  const rules = matchingRules(visitor.data, other.data).map((r) => DUPLICATE_RULE_LABELS[r]);

  async function dismiss() {
    setError(null);
    try {
      await visitors.dismissDuplicate(visitor.id, otherId);
    } catch (e) {
      setError(storageErrorMessage(e));
    }
  }

  return (
    <div role="group" aria-label="Possible duplicate" className="notice duplicate-notice">
      <p>
        Possibly the same person as <strong>{other.data.name}</strong>
        {other.data.company && ` (${other.data.company})`}: {rules.join(', ')}.
      </p>
      <button type="button" onClick={() => onMerge([visitor.id, otherId])}>
        Merge duplicates
      </button>
      <button type="button" onClick={() => void dismiss()}>
        Not the same person
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
