import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal <dialog> named by its title: open while mounted (focus stays inside), and Escape
 * calls `onClose` instead of closing it behind React's back.
 */
export function ModalDialog({ title, className, onClose, children }: { title: string; className: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
