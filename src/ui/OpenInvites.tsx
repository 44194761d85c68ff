import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, OfflineError, authApi } from '../app/api';
import type { OpenInvite } from '../core/protocol';
import { formatTime } from './format';

export const INVITES_KEY = ['workspace-invites'] as const;

/**
 * The workspace's invites that can still be used, each with a "Revoke" button: server state that
 * is not synced to this device, so it comes through TanStack Query.
 */
export function OpenInvites({ id, onRevoked }: { id: string; onRevoked: (code: string) => void }) {
  const queryClient = useQueryClient();
  const invites = useQuery({
    queryKey: INVITES_KEY,
    queryFn: () => authApi.listInvites(),
    networkMode: 'always',
    // Others join and revoke meanwhile: opening the list always asks the server again.
    staleTime: 0,
    retry: (count, error) => !(error instanceof OfflineError) && !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const revoke = useMutation({
    mutationFn: (code: string) => authApi.revokeInvite(code),
    networkMode: 'always',
    onSuccess: (_, code) => onRevoked(code),
    onSettled: () => queryClient.invalidateQueries({ queryKey: INVITES_KEY }),
  });

  let body;
  if (invites.isPending) body = <p className="muted">Loading invites…</p>;
  else if (invites.error) body = <p role="alert">Open invites could not be loaded: {invites.error.message}</p>;
  else if (invites.data.length === 0) body = <p className="muted">No open invites.</p>;
  else body = <InviteList invites={invites.data} onRevoke={(code) => revoke.mutate(code)} revoking={revoke.isPending ? revoke.variables : null} />;

  return (
    <section id={id} className="open-invites">
      {body}
      {revoke.error && <p role="alert">The invite could not be revoked: {revoke.error.message}</p>}
    </section>
  );
}

function InviteList({ invites, onRevoke, revoking }: { invites: OpenInvite[]; onRevoke: (code: string) => void; revoking: string | null }) {
  return (
    <ul aria-label="Open invites">
      {invites.map((invite) => (
        <li key={invite.code}>
          <code>{invite.code}</code> by {invite.createdBy}, <time dateTime={invite.createdAt}>{formatTime(invite.createdAt)}</time>; valid
          until <time dateTime={invite.expiresAt}>{formatTime(invite.expiresAt)}</time>{' '}
          <button type="button" aria-label={`Revoke invite ${invite.code}`} onClick={() => onRevoke(invite.code)} disabled={revoking === invite.code}>
            Revoke
          </button>
        </li>
      ))}
    </ul>
  );
}
