import { useState } from 'react';
import { useSignOut } from './useSession';
import { plural } from './format';
import { MESSAGES } from '../core/messages';

export function SignOutButton() {
  const signOut = useSignOut();
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    const result = await signOut((pending) => {
      const waiting = `${plural(pending, 'change has', 'changes have')} not synced yet`;
      return window.confirm(`${waiting}. They stay on this device and sync after you sign in again. Sign out?`);
    });
    if (result === 'unreachable') setError(MESSAGES.sign_out_offline);
  }

  return (
    <>
      <button type="button" onClick={onClick}>
        Sign out
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
