import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Session } from '../core/protocol';
import type { SessionState, SignOutResult } from '../app/session';
import { useShell } from './OutpostContext';

export const SESSION_KEY = ['session'] as const;

export function useSession() {
  const { session } = useShell();
  return useQuery<SessionState>({
    queryKey: SESSION_KEY,
    queryFn: () => session.load(),
    // `load` answers offline from what this device remembers, so it may always run.
    networkMode: 'always',
    staleTime: 60_000,
  });
}

/** After sign-in or sign-up: remember the person and resume syncing at once. */
export function useSignedIn() {
  const shell = useShell();
  const queryClient = useQueryClient();
  return useCallback(
    async (signedIn: Session) => {
      await shell.session.remember(signedIn);
      queryClient.setQueryData<SessionState>(SESSION_KEY, { session: signedIn, offline: false, expired: false });
      void shell.outpost().then((outpost) => outpost?.pageSync.syncNow());
    },
    [shell, queryClient],
  );
}

/**
 * Signs out (see `SessionService.signOut`) and, once signed out, shows the sign-in screen.
 * `confirmUnsynced` is asked first when changes still wait to be sent.
 */
export function useSignOut() {
  const { session } = useShell();
  const queryClient = useQueryClient();
  return useCallback(
    async (confirmUnsynced: (pending: number) => boolean): Promise<SignOutResult> => {
      const result = await session.signOut(confirmUnsynced);
      if (result === 'signed-out') {
        queryClient.setQueryData<SessionState>(SESSION_KEY, { session: null, offline: false, expired: false });
      }
      return result;
    },
    [session, queryClient],
  );
}
