import { useMutation } from '@tanstack/react-query';
import { authApi } from '../app/api';

export function InviteButton() {
  const invite = useMutation({ mutationFn: () => authApi.createInvite() });
  return (
    <div className="invite">
      <button type="button" onClick={() => invite.mutate()} disabled={invite.isPending}>
        Invite a teammate
      </button>
      {invite.data && (
        <p role="status">
          Invite code: <output aria-label="Invite code">{invite.data.code}</output> (valid until{' '}
          {new Date(invite.data.expiresAt).toLocaleDateString()})
        </p>
      )}
      {invite.error && <p role="alert">{invite.error.message}</p>}
    </div>
  );
}
