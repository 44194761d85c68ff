import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createOutpost } from './app/outpost';
import { installQaHooks } from './app/qaHooks';
import { OutpostProvider } from './ui/OutpostContext';
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

const outpost = createOutpost();
installQaHooks(outpost);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <OutpostProvider value={outpost}>
        <App />
      </OutpostProvider>
    </QueryClientProvider>
  </StrictMode>,
);
