import { useSession } from './useSession';
import { AuthScreen } from './AuthScreen';
import { Workspace } from './Workspace';
import { UpdatePrompt } from './UpdatePrompt';

export function App() {
  const { data, isPending } = useSession();
  return (
    <>
      <UpdatePrompt />
      {isPending ? (
        <main className="centered" aria-busy="true">
          <p>Loading Outpost…</p>
        </main>
      ) : data?.session ? (
        <Workspace session={data.session} />
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
