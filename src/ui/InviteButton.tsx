import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../app/api';
import { INVITES_KEY, OpenInvites } from './OpenInvites';

/** "Invite a teammate" makes a single-use code; "Open invites" lists the unused ones, to revoke. */
export function InviteButton() {
  const queryClient = useQueryClient();
  const [listing, setListing] = useState(false);
  const listId = useId();
  const invite = useMutation({
    mutationFn: () => authApi.createInvite(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INVITES_KEY }),
  });
  // The code on show is no use once revoked.
  const revoked = (code: string) => {
    if (invite.data?.code === code) invite.reset();
  };
  return (
    <div className="invite">
      <button type="button" onClick={() => invite.mutate()} disabled={invite.isPending}>
        Invite a teammate
      </button>
      <button type="button" aria-expanded={listing} aria-controls={listId} onClick={() => setListing(!listing)}>
        Open invites
      </button>
      {invite.data && (
        <p role="status">
          Invite code: <output aria-label="Invite code">{invite.data.code}</output> (one person, valid until{' '}
          {new Date(invite.data.expiresAt).toLocaleDateString()})
        </p>
      )}
      {invite.error && <p role="alert">{invite.error.message}</p>}
      {listing && <OpenInvites id={listId} onRevoked={revoked} />}
    </div>
  );
}
