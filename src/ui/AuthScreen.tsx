import { useId, useState, type FormEvent } from 'react';
import { ApiError, OfflineError, authApi } from '../app/api';
import { useSignedIn } from './useSession';
import { TextField } from './TextField';

type Mode = 'sign-in' | 'sign-up';
type WorkspaceChoice = 'new' | 'join';

export function AuthScreen({ notice }: { notice?: string | undefined }) {
  const inviteFromLink = new URLSearchParams(window.location.search).get('invite') ?? '';
  const [mode, setMode] = useState<Mode>(inviteFromLink ? 'sign-up' : 'sign-in');
  const [choice, setChoice] = useState<WorkspaceChoice>(inviteFromLink ? 'join' : 'new');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const [inviteCode, setInviteCode] = useState(inviteFromLink);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = useSignedIn();
  const titleId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFormError(null);
    setFieldErrors({});
    try {
      const session =
        mode === 'sign-in'
          ? await authApi.login(email, password)
          : await authApi.signup(
              choice === 'new' ? { email, password, workspaceName } : { email, password, inviteCode },
            );
      await signedIn(session);
    } catch (error) {
      if (error instanceof ApiError) {
        setFieldErrors(error.fields);
        setFormError(error.message);
      } else if (error instanceof OfflineError) {
        setFormError("Can't reach the server. Signing in needs a connection — try again when you're online.");
      } else {
        setFormError(error instanceof Error ? error.message : 'Something went wrong. Try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <form className="card" aria-labelledby={titleId} onSubmit={submit} noValidate>
        <h1 id={titleId}>{mode === 'sign-in' ? 'Sign in to Outpost' : 'Create your Outpost account'}</h1>
        {notice && (
          <p role="alert" className="notice">
            {notice}
          </p>
        )}
        <fieldset className="choice">
          <legend>Account</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'sign-in'} onChange={() => setMode('sign-in')} />I have an
            account
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'sign-up'} onChange={() => setMode('sign-up')} />
            I'm new here
          </label>
        </fieldset>
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} error={fieldErrors.email} />
        <TextField
          label="Password"
          type="password"
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          hint={mode === 'sign-up' ? 'At least 8 characters.' : undefined}
        />
        {mode === 'sign-up' && (
          <>
            <fieldset className="choice">
              <legend>Workspace</legend>
              <label>
                <input type="radio" name="workspace" checked={choice === 'new'} onChange={() => setChoice('new')} />
                Start a new workspace
              </label>
              <label>
                <input type="radio" name="workspace" checked={choice === 'join'} onChange={() => setChoice('join')} />
                Join with an invite code
              </label>
            </fieldset>
            {choice === 'new' ? (
              <TextField label="Workspace name" value={workspaceName} onChange={setWorkspaceName} error={fieldErrors.workspaceName} />
            ) : (
              <TextField label="Invite code" value={inviteCode} onChange={setInviteCode} error={fieldErrors.inviteCode} autoComplete="off" />
            )}
          </>
        )}
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'sign-in' ? 'Sign in' : 'Create account'}
        </button>
      </form>
    </main>
  );
}
