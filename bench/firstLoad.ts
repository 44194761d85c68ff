/**
 * First-load benchmark: a fresh device opening Outpost over a hall's network. The real server
 * (dist-server/main.js on a temp SQLite file) serves, in the same run, today's build and the
 * app of BEFORE_COMMIT (one uncompressed ~556 KB chunk) built from this repository's history;
 * a fresh Chromium profile per load, throttled through the DevTools protocol. Measures, from
 * navigation to the sign-in form's Email field visible and enabled: the time, and the bytes
 * the page received (Network.loadingFinished encodedDataLength, JS apart). The service worker's
 * precache, which downloads afterwards in the worker, is not counted. What it measures is in
 * bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchProfile } from '../e2e/support/browser';
import { buildPreviousApp } from '../e2e/support/previousApp';
import { startServer, type RunningServer } from '../e2e/support/server';
import { RESULTS_DIR, RUNS, log, median, round } from './drain/harness';

/** Main before issue 14: the app's one chunk, sent as it is. */
const BEFORE_COMMIT = 'f5c0eaefd428ddb62191dd780acc1cc6e114c4fa';
/** 1.6 Mbit/s each way and 150 ms of latency: a trade-show hall's shared Wi-Fi. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 };

interface Load {
  usableMs: number;
  bytes: number;
  jsBytes: number;
  requests: number;
  /** content-encoding of each script, by path. */
  scripts: Record<string, string>;
}

/**
 * Resolves to performance.now() (from navigation start) at the first frame where the Email field
 * is visible and enabled. Source text, as capture.ts sends (evaluated through the DevTools
 * protocol, so the page's CSP, which forbids eval, does not apply).
 */
const USABLE_SIGN_IN = `(async () => {
  const usable = () => {
    const email = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith('Email'))?.control;
    return email && !email.disabled && email.getClientRects().length > 0;
  };
  while (!usable()) await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now();
})()`;

async function loadOnce(url: string): Promise<Load> {
  const { context, dispose } = await launchProfile(url, { qaHooks: false });
  try {
    const page: Page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const responses = new Map<string, { url: string; type: string; encoding: string }>();
    const finished = new Map<string, number>();
    cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
      const encoding = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1];
      responses.set(requestId, { url: response.url, type, encoding: String(encoding ?? 'none') });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => finished.set(requestId, encodedDataLength));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await page.goto('/', { waitUntil: 'commit' });
    const usableMs = (await page.evaluate(USABLE_SIGN_IN)) as number;
    await page.waitForLoadState('networkidle');
    let bytes = 0;
    let jsBytes = 0;
    const scripts: Record<string, string> = {};
    for (const [id, length] of finished) {
      bytes += length;
      const response = responses.get(id);
      if (response?.type === 'Script') {
        jsBytes += length;
        scripts[new URL(response.url).pathname] = response.encoding;
      }
    }
    return { usableMs: round(usableMs), bytes, jsBytes, requests: finished.size, scripts };
  } finally {
    await dispose();
  }
}

function summary(loads: Load[]) {
  return {
    usableMs: median(loads.map((l) => l.usableMs)),
    bytes: median(loads.map((l) => l.bytes)),
    jsBytes: median(loads.map((l) => l.jsBytes)),
    runs: loads,
  };
}

async function main(): Promise<void> {
  log(`building the app of ${BEFORE_COMMIT.slice(0, 7)} (once per machine)`);
  const beforeDist = buildPreviousApp(BEFORE_COMMIT);
  const servers: RunningServer[] = [];
  try {
    const before = await startServer({ appDir: join(beforeDist, '..') });
    servers.push(before);
    const today = await startServer();
    servers.push(today);
    const loads = { before: [] as Load[], today: [] as Load[] };
    for (let run = 1; run <= RUNS; run++) {
      for (const [name, server] of [['before', before], ['today', today]] as const) {
        const load = await loadOnce(server.url);
        loads[name].push(load);
        log(`run ${run} ${name}: usable in ${load.usableMs} ms, ${load.bytes} bytes (${load.jsBytes} of JS) in ${load.requests} requests`);
      }
    }
    const result = {
      date: new Date().toISOString(),
      network: NETWORK,
      beforeCommit: BEFORE_COMMIT,
      before: summary(loads.before),
      today: summary(loads.today),
      notes: [
        'usableMs: navigation start → the sign-in form\'s Email field visible and enabled (performance.now() in the page), fresh profile, throttled by Network.emulateNetworkConditions',
        'bytes: encodedDataLength of every request of the page up to network idle (headers included); the service worker\'s precache is fetched by the worker and not counted',
        'before: the app of beforeCommit, served by today\'s server with no compressed copies (so uncompressed)',
      ],
    };
    const json = JSON.stringify(result, null, 2) + '\n';
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `firstLoad-${result.date.replaceAll(':', '-')}.json`), json);
    writeFileSync(join(RESULTS_DIR, 'latest-firstLoad.json'), json);
    const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    const row = (label: string, b: number, t: number, format: (n: number) => string) =>
      `| ${label} | ${format(b)} | ${format(t)} | ${(b / t).toFixed(2)}× |`;
    console.log(`\nFirst load, ${RUNS} runs each (medians), 1.6 Mbit/s, 150 ms latency`);
    console.log('| measurement | before | today | before / today |');
    console.log('|---|---:|---:|---:|');
    console.log(row('navigation → usable sign-in form', result.before.usableMs, result.today.usableMs, (n) => `${Math.round(n)} ms`));
    console.log(row('bytes received', result.before.bytes, result.today.bytes, kb));
    console.log(row('of which JS', result.before.jsBytes, result.today.jsBytes, kb));
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
