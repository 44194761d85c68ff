import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useQueryClient } from '@tanstack/react-query';
import { pendingCount } from '../data/queries';
import { authApi } from '../app/api';
import { forgetSession, type SessionState } from '../app/session';
import { useOutpost } from './OutpostContext';
import { SESSION_KEY } from './useSession';

export function SignOutButton() {
  const { db } = useOutpost();
  const queryClient = useQueryClient();
  const pending = useLiveQuery(() => pendingCount(db), [db]) ?? 0;
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    if (pending > 0 && !window.confirm(`${pending} changes have not synced yet. They stay on this device and sync after you sign in again. Sign out?`)) {
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
