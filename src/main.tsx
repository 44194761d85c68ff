import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createOutpostShell } from './app/shell';
import { ShellProvider } from './ui/OutpostContext';
import { App } from './ui/App';
import './ui/styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Server state here is small and the app must work offline: never throw offline, and
    // refetch when the connection or the window comes back.
    queries: { networkMode: 'offlineFirst', retry: 1, staleTime: 30_000 },
    mutations: { networkMode: 'always' },
  },
});

declare global {
  interface Window {
    /**
     * The QA switch: set to `true` before the app's scripts run (Playwright's
     * `context.addInitScript`) to get `window.outpostQA`. Without it the QA module is never loaded.
     */
    __OUTPOST_QA__?: boolean;
  }
}

const shell = createOutpostShell();
if (window.__OUTPOST_QA__ === true) {
  Promise.all([import('./app/qaHooks'), shell.outpost()]).then(
    ([{ installQaHooks }, outpost]) => outpost && installQaHooks(outpost),
    (error: unknown) => console.error('The QA hooks did not load', error),
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ShellProvider value={shell}>
        <App />
      </ShellProvider>
    </QueryClientProvider>
  </StrictMode>,
);
