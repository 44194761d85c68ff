import { useEffect, useState } from 'react';
import type { ConflictRecord, LocalVisitor } from '../core/client/types';
import type { ConflictResolution } from '../data/visitors';
import { ValidationError } from '../data/validation';
import { MESSAGES } from '../core/messages';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';
import { formatTime } from './format';
import type { ConflictBodyProps } from './ConflictFooter';
import { DeleteUpdateChoices, UpdateDeleteChoices } from './ConflictDeletion';
import { FieldChoices } from './ConflictFieldChoices';
import { ModalDialog } from './ModalDialog';

/**
 * "Resolve conflict": a modal <dialog>, so focus stays inside, Escape means "Later", and every
 * control works from the keyboard. Closes by itself when the conflict is settled elsewhere.
 */
export function ConflictDialog({ visitorId, onClose }: { visitorId: string; onClose: () => void }) {
  const state = useLive((q) => q.conflictView(visitorId), [visitorId]);

  useEffect(() => {
    if (state && !state.conflict) onClose();
  }, [state, onClose]);

  return (
    <ModalDialog title="Resolve conflict" className="conflict-dialog" onClose={onClose}>
      {state?.conflict && state.row && (
        <ConflictBody key={`${state.conflict.kind}:${state.conflict.detectedAt}`} conflict={state.conflict} row={state.row} onDone={onClose} />
      )}
    </ModalDialog>
  );
}

/** The choices for one conflict, by kind; the repository settles it (and schedules the sync). */
function ConflictBody({ conflict, row, onDone }: { conflict: ConflictRecord; row: LocalVisitor; onDone: () => void }) {
  const { visitors } = useOutpost();
  const [error, setError] = useState<string | null>(null);

  async function resolve(resolution: ConflictResolution) {
    setError(null);
    try {
      await visitors.resolveConflict(conflict.id, resolution);
      onDone();
    } catch (e) {
      setError(e instanceof ValidationError ? Object.values(e.fields).join(' ') || e.message : MESSAGES.save_failed);
    }
  }

  const props: ConflictBodyProps = {
    conflict,
    row,
    who: conflict.theirsBy ?? 'A teammate',
    when: conflict.theirsAt ? formatTime(conflict.theirsAt) : '',
    error,
    onResolve: resolve,
    onLater: onDone,
  };
  if (conflict.kind === 'update-delete') return <UpdateDeleteChoices {...props} />;
  if (conflict.kind === 'delete-update') return <DeleteUpdateChoices {...props} />;
  return <FieldChoices {...props} />;
}
