import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Session } from '../core/protocol';
import { loadSession, rememberSession, type SessionState } from '../app/session';
import { useOutpost } from './OutpostContext';

export const SESSION_KEY = ['session'] as const;

export function useSession() {
  const { db } = useOutpost();
  return useQuery<SessionState>({
    queryKey: SESSION_KEY,
    queryFn: () => loadSession(db),
    // loadSession answers offline from what this device remembers, so it may always run.
    networkMode: 'always',
    staleTime: 60_000,
  });
}

/** After sign-in or sign-up: remember the person and resume syncing at once. */
export function useSignedIn() {
  const { db, pageSync } = useOutpost();
  const queryClient = useQueryClient();
  return useCallback(
    async (session: Session) => {
      await rememberSession(db, session);
      queryClient.setQueryData<SessionState>(SESSION_KEY, { session, offline: false, expired: false });
      void pageSync.syncNow();
    },
    [db, pageSync, queryClient],
  );
}
