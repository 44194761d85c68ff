import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { pendingCount } from '../data/queries';
import { authApi } from '../app/api';
import { forgetSession, type SessionState } from '../app/session';
import { useOutpost } from './OutpostContext';
import { SESSION_KEY } from './useSession';
import { plural } from './format';

export function SignOutButton() {
  const { db } = useOutpost();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    // Read when asked, not live: a live count would re-run on every outbox write of a drain.
    const pending = await pendingCount(db);
    const waiting = `${plural(pending, 'change has', 'changes have')} not synced yet`;
    if (pending > 0 && !window.confirm(`${waiting}. They stay on this device and sync after you sign in again. Sign out?`)) {
      return;
    }
    try {
      await authApi.logout();
    } catch {
      setError("Can't reach the server to sign out. Try again when you're online.");
      return;
    }
    await forgetSession(db);
    queryClient.setQueryData<SessionState>(SESSION_KEY, { session: null, offline: false, expired: false });
  }

  return (
    <>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
