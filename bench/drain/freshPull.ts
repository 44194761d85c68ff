/** The drain bench's pull job (bench/run.ts): a new device fetching everything the drain pushed. */
import { waitForVisitors, type PullMeasurement } from '../inPage';
import { N, log, round, type Account, type Bench } from './harness';
import { syncRequestsOnPageClock } from '../syncWorker';

/** A fresh profile signed in (by API) as the drain's owner: navigation → N visitors in Dexie. */
export async function freshPullJob(bench: Bench, owner: Account, run: number): Promise<PullMeasurement> {
  const fresh = await bench.profile();
  await bench.signIn(fresh.context, owner);
  const page = fresh.context.pages()[0] ?? (await fresh.context.newPage());
  await page.goto('/', { waitUntil: 'commit' });
  const measured = await page.evaluate(waitForVisitors, { n: N });
  // The pulls are the sync worker's requests, not the page's.
  const requests = await syncRequestsOnPageClock(page, '/api/');
  const firstPull = requests.find((r) => r.path === '/api/sync/pull');
  const pull = { ...measured, requests: [...measured.requests, ...requests], fromFirstPullMs: firstPull ? measured.fromNavigationMs - firstPull.start : null };
  log(`run ${run}: fresh-device pull ${round(pull.fromNavigationMs)} ms from navigation, ${round(pull.fromFirstPullMs ?? NaN)} ms from first pull request`);
  await fresh.close();
  return pull;
}
