import type { LocalVisitor } from '../core/client/types';
import { SYNC_STATE_LABELS } from './syncStateLabels';
import { RatingStars } from './RatingStars';

/** One row of the visitor list: a button named by the visitor, showing what a booth needs at a glance. */
export function VisitorRow({
  visitor,
  selected,
  possibleDuplicate,
  onOpen,
}: {
  visitor: LocalVisitor;
  selected: boolean;
  possibleDuplicate: boolean;
  onOpen: (id: string) => void;
}) {
  const { data } = visitor;
  const role = [data.company, data.title].filter(Boolean).join(' · ');
  return (
    <button
      type="button"
      className={`visitor-row${selected ? ' selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(visitor.id)}
    >
      <span className="visitor-name">{data.name}</span>
      <span className="visitor-company">{role}</span>
      <span className="visitor-marks">
        <RatingStars rating={data.rating} />
        {data.followUp && <span className="follow-up-flag">Follow up</span>}
        {possibleDuplicate && <span className="duplicate-flag">Possible duplicate</span>}
      </span>
      <span className={`sync-badge ${visitor.syncState}`}>{SYNC_STATE_LABELS[visitor.syncState]}</span>
    </button>
  );
}
