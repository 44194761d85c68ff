import { use } from 'react';
import type { Session } from '../core/protocol';
import { OutpostProvider, useShell } from './OutpostContext';
import { Workspace } from './Workspace';

/** The signed-in app, in a chunk of its own: the workspace over the rest of the app (`shell.outpost()`). */
export function WorkspaceRoot({ session }: { session: Session }) {
  const outpost = use(useShell().outpost());
  if (!outpost) {
    return (
      <main className="centered">
        <p role="alert">Outpost could not be loaded. Reload it with a connection, then try again.</p>
      </main>
    );
  }
  return (
    <OutpostProvider value={outpost}>
      <Workspace session={session} />
    </OutpostProvider>
  );
}
