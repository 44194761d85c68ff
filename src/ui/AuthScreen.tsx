import { useId, useState, type FormEvent } from 'react';
import { authApi } from '../app/api';
import { useSignedIn } from './useSession';
import { TextField } from './TextField';
import { authErrorMessage } from './authErrorMessage';

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
      await signedIn(await requestSession(mode, choice, { email, password, workspaceName, inviteCode }));
    } catch (error) {
      const { message, fields } = authErrorMessage(error);
      setFieldErrors(fields);
      setFormError(message);
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
        <AccountChoice mode={mode} onChange={setMode} />
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
          <WorkspaceFields
            choice={choice}
            onChoice={setChoice}
            workspaceName={workspaceName}
            onWorkspaceName={setWorkspaceName}
            inviteCode={inviteCode}
            onInviteCode={setInviteCode}
            errors={fieldErrors}
          />
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

function requestSession(
  mode: Mode,
  choice: WorkspaceChoice,
  { email, password, workspaceName, inviteCode }: { email: string; password: string; workspaceName: string; inviteCode: string },
) {
  if (mode === 'sign-in') return authApi.login(email, password);
  return authApi.signup(choice === 'new' ? { email, password, workspaceName } : { email, password, inviteCode });
}

function AccountChoice({ mode, onChange }: { mode: Mode; onChange: (mode: Mode) => void }) {
  return (
    <fieldset className="choice">
      <legend>Account</legend>
      <label>
        <input type="radio" name="mode" checked={mode === 'sign-in'} onChange={() => onChange('sign-in')} />I have an
        account
      </label>
      <label>
        <input type="radio" name="mode" checked={mode === 'sign-up'} onChange={() => onChange('sign-up')} />
        I'm new here
      </label>
    </fieldset>
  );
}

/** Sign-up only: start a workspace (its name) or join one (an invite code). */
function WorkspaceFields(props: {
  choice: WorkspaceChoice;
  onChoice: (choice: WorkspaceChoice) => void;
  workspaceName: string;
  onWorkspaceName: (name: string) => void;
  inviteCode: string;
  onInviteCode: (code: string) => void;
  errors: Record<string, string>;
}) {
  const { choice, onChoice, errors } = props;
  return (
    <>
      <fieldset className="choice">
        <legend>Workspace</legend>
        <label>
          <input type="radio" name="workspace" checked={choice === 'new'} onChange={() => onChoice('new')} />
          Start a new workspace
        </label>
        <label>
          <input type="radio" name="workspace" checked={choice === 'join'} onChange={() => onChoice('join')} />
          Join with an invite code
        </label>
      </fieldset>
      {choice === 'new' ? (
        <TextField label="Workspace name" value={props.workspaceName} onChange={props.onWorkspaceName} error={errors.workspaceName} />
      ) : (
        <TextField label="Invite code" value={props.inviteCode} onChange={props.onInviteCode} error={errors.inviteCode} autoComplete="off" />
      )}
    </>
  );
}
