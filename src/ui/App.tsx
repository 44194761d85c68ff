import { useSession } from './useSession';
import { AuthScreen } from './AuthScreen';
import { UpdatePrompt } from './UpdatePrompt';
import { lazyPart } from './lazyPart';

// Only the sign-in screen is in the first load; the workspace comes when someone is signed in.
const WorkspaceRoot = lazyPart('workspace', () => import('./WorkspaceRoot').then((module) => module.WorkspaceRoot));

export function App() {
  const { data, isPending } = useSession();
  return (
    <>
      <UpdatePrompt />
      {isPending ? (
        <main className="centered" aria-busy="true">
          <p role="status">Loading Outpost…</p>
        </main>
      ) : data?.session ? (
        <WorkspaceRoot session={data.session} />
      ) : (
        <AuthScreen
          notice={
            data?.expired
              ? 'Your session has expired. Sign in again — changes saved on this device are kept and will sync.'
              : undefined
          }
        />
      )}
    </>
  );
}
