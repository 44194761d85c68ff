import { useEffect, useId, useRef } from 'react';
import { useLive } from './useLive';
import { plural } from './format';

const KIND_WORDS = {
  'update-update': 'changed by you and a teammate',
  'update-delete': 'deleted by a teammate, changed by you',
  'delete-update': 'deleted by you, changed by a teammate',
} as const;

/**
 * The open conflicts, each one a button that opens the dialog. A conflict that appears while
 * the app is open opens the dialog by itself (once); ones already waiting at start do not.
 */
export function ConflictList({ onOpen, dialogOpen }: { onOpen: (id: string) => void; dialogOpen: boolean }) {
  const headingId = useId();
  const conflicts = useLive((q) => q.conflicts(), []);

  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!conflicts) return;
    if (seen.current === null) {
      seen.current = new Set(conflicts.map((c) => c.id));
      return;
    }
    const fresh = conflicts.find((c) => !seen.current!.has(c.id));
    for (const c of conflicts) seen.current.add(c.id);
    if (fresh && !dialogOpen) onOpen(fresh.id);
  }, [conflicts, dialogOpen, onOpen]);

  if (!conflicts?.length) return null;
  return (
    <section className="conflicts card" aria-labelledby={headingId}>
      <h2 id={headingId}>{plural(conflicts.length, 'conflict')} to resolve</h2>
      <ul aria-label="Conflicts">
        {conflicts.map((c) => {
          const name = c.name ?? 'Unknown visitor';
          return (
            <li key={c.id}>
              <button type="button" onClick={() => onOpen(c.id)} aria-label={`Resolve conflict: ${name}`}>
                <span className="name">{name}</span> <small className="muted">{KIND_WORDS[c.kind]}</small>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
