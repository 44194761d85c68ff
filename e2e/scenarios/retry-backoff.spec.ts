import { test, expect } from '../support/fixtures';
import { createVisitor, expectConverged, signUp, waitForServiceWorker } from '../support/app';

test('retry with backoff: after a 429 the app sends nothing before the Retry-After has passed', async ({ page, faults, server, account }) => {
  await signUp(page, account);
  // The service worker is in charge too: its sync event must not retry early either.
  await waitForServiceWorker(page);
  faults.set({ mode: 'rate-limit', path: /^\/api\/sync\/push/, times: 1, retryAfterS: 3 });
  await createVisitor(page, { name: 'Ada Lovelace' });

  await expectConverged(server, page);
  const pushes = faults.pushes();
  const limited = pushes.findIndex((p) => p.outcome === 'rate-limit');
  expect(limited).toBeGreaterThanOrEqual(0);
  const next = pushes[limited + 1]!;
  expect(next.at - pushes[limited]!.at).toBeGreaterThanOrEqual(3_000);
});
