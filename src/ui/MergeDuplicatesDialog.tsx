import { useMemo, useState } from 'react';
import { VISITOR_FIELD_LABELS, type VisitorData, type VisitorField } from '../core/protocol';
import { pairOf, type DuplicatePair } from '../core/duplicates/mergeDuplicates';
import { RecordNotFoundError } from '../data/errors';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';
import { ModalDialog } from './ModalDialog';
import { FieldChoice, type ChoiceSides } from './ConflictFieldChoice';
import { initialDecisions, type Decisions, type FieldDecision } from './conflictChoices';
import { automaticMerge, mergeOptions, mergeOutcome } from './duplicateChoices';
import { displayValue } from './displayValue';
import { formatTime } from './format';
import { storageErrorMessage } from './storageErrorMessage';

/** The fields the side-by-side view compares. */
const COMPARED: VisitorField[] = ['name', 'company', 'title', 'email', 'phone', 'interests', 'notes', 'rating', 'followUp', 'captureMethod', 'capturedAt', 'consent', 'cardPhoto'];

/**
 * "Merge duplicates": both records side by side, a choice for each field they filled
 * differently, and what the merge keeps. Merging edits the earlier capture and deletes the
 * other, as ordinary changes that sync like any other (a teammate's concurrent edit becomes a
 * conflict to resolve).
 */
export function MergeDuplicatesDialog({ ids, onClose, onMerged }: { ids: readonly [string, string]; onClose: () => void; onMerged: (keptId: string) => void }) {
  const first = useLive((q) => q.visitor(ids[0]), [ids[0]]);
  const second = useLive((q) => q.visitor(ids[1]), [ids[1]]);
  const loading = first === undefined || second === undefined;
  return (
    <ModalDialog title="Merge duplicates" className="merge-dialog" onClose={onClose}>
      {!loading && first && second ? (
        <MergeBody pair={pairOf(first, second)} onClose={onClose} onMerged={onMerged} />
      ) : (
        !loading && (
          <>
            <p>One of these visitors was deleted meanwhile: there is nothing left to merge.</p>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </>
        )
      )}
    </ModalDialog>
  );
}

function sideNote(data: VisitorData): string {
  return `captured ${formatTime(data.capturedAt)}${data.capturedBy ? ` by ${data.capturedBy}` : ''}`;
}

function MergeBody({ pair, onClose, onMerged }: { pair: DuplicatePair; onClose: () => void; onMerged: (keptId: string) => void }) {
  const { visitors } = useOutpost();
  const options = useMemo(() => mergeOptions(pair), [pair]);
  const [decisions, setDecisions] = useState<Decisions>(() => initialDecisions(options, automaticMerge(pair)));
  const [error, setError] = useState<string | null>(null);
  const result = mergeOutcome(pair, options, decisions);
  const sides: ChoiceSides = {
    mine: { label: 'Earlier capture', note: sideNote(pair.kept.data) },
    theirs: { label: 'Later capture', note: sideNote(pair.other.data) },
    original: false,
  };
  const decide = (field: VisitorField, change: Partial<FieldDecision>) =>
    setDecisions((d) => ({ ...d, [field]: { choice: 'mine', custom: '', ...d[field], ...change } }));

  async function merge() {
    if (!result.ok) return;
    setError(null);
    try {
      await visitors.mergeDuplicates(pair.kept.id, pair.other.id, result.patch);
      onMerged(pair.kept.id);
    } catch (e) {
      setError(e instanceof RecordNotFoundError ? 'One of these visitors was deleted meanwhile: nothing was merged.' : storageErrorMessage(e));
    }
  }

  return (
    <>
      <p>
        The earlier capture is kept and the later one deleted. Interests are combined, both notes kept, and the earlier capture
        time, a photo and a consent given on either side carried over.
      </p>
      <SideBySide pair={pair} merged={result.ok ? result.record : null} />
      {options.map((option) => (
        <FieldChoice
          key={option.field}
          option={option}
          decision={decisions[option.field]!}
          error={result.ok ? undefined : result.errors[option.field]}
          sides={sides}
          onChange={(change) => decide(option.field, change)}
        />
      ))}
      {error && <p role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void merge()} aria-disabled={!result.ok || undefined}>
          Merge
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** Both records and the merge's result, one row per field. */
function SideBySide({ pair, merged }: { pair: DuplicatePair; merged: VisitorData | null }) {
  return (
    <div className="table-scroll">
      <table className="side-by-side">
        <caption>Both records</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Earlier capture</th>
            <th scope="col">Later capture</th>
            <th scope="col">After the merge</th>
          </tr>
        </thead>
        <tbody>
          {COMPARED.map((field) => (
            <tr key={field}>
              <th scope="row">{VISITOR_FIELD_LABELS[field]}</th>
              <td>{displayValue(field, pair.kept.data[field])}</td>
              <td>{displayValue(field, pair.other.data[field])}</td>
              <td>{merged ? displayValue(field, merged[field]) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
