import { createContext, useContext } from 'react';
import type { Outpost } from '../app/outpost';
import type { OutpostShell } from '../app/shell';

const ShellContext = createContext<OutpostShell | null>(null);
const OutpostContext = createContext<Outpost | null>(null);

/** The whole app: the session and the service worker, and the signed-in part once loaded. */
export const ShellProvider = ShellContext.Provider;
/** The signed-in part (`WorkspaceRoot` provides it once its chunk is loaded). */
export const OutpostProvider = OutpostContext.Provider;

export function useShell(): OutpostShell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell must be used inside <ShellProvider>');
  return shell;
}

export function useOutpost(): Outpost {
  const outpost = useContext(OutpostContext);
  if (!outpost) throw new Error('useOutpost must be used inside <OutpostProvider>');
  return outpost;
}
