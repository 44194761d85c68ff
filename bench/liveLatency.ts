/**
 * What the live-edit and local-write benches (bench/liveEdits.ts, bench/localWrite.ts) share:
 * percentiles, the in-page watcher that notes when a row appears in the visitor list, and the
 * results file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { RESULTS_DIR, median, round } from './drain/harness';

/** The nearest-rank percentile `p` (0–100) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Distribution {
  p50: number;
  p95: number;
  max: number;
}

export const distribution = (xs: number[]): Distribution => ({
  p50: round(percentile(xs, 50)),
  p95: round(percentile(xs, 95)),
  max: round(Math.max(...xs)),
});

/** The median over runs of each percentile. */
export function medianOfRuns(runs: Distribution[]): Distribution {
  return {
    p50: round(median(runs.map((r) => r.p50))),
    p95: round(median(runs.map((r) => r.p95))),
    max: round(median(runs.map((r) => r.max))),
  };
}

/**
 * Arms a watcher in `page`: it resolves, as an epoch time in ms with the page's
 * sub-millisecond clock (`performance.timeOrigin + performance.now()`, comparable across the
 * browser processes of one machine), at the first DOM mutation after which a button of the list
 * "Visitors" shows `name`. Call `seen()` to wait for it.
 */
export async function watchForRow(page: Page, name: string): Promise<{ seen(): Promise<number> }> {
  const key = `row:${name}`;
  await page.evaluate(
    ([key, name]) => {
      const w = window as unknown as Record<string, Promise<number>>;
      const present = () =>
        [...document.querySelectorAll('ul[aria-label="Visitors"] .visitor-name')].some((el) => el.textContent === name);
      w[key] = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!present()) return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    },
    [key, name] as const,
  );
  return { seen: () => page.evaluate((key) => (window as unknown as Record<string, Promise<number>>)[key]!, key) };
}

/** Writes `result` to `<name>-<iso>.json` and `latest-<name>.json` in the results folder. */
export function writeResult(name: string, result: { date: string }): void {
  const json = JSON.stringify(result, null, 2) + '\n';
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}-${result.date.replaceAll(':', '-')}.json`), json);
  writeFileSync(join(RESULTS_DIR, `latest-${name}.json`), json);
}

export function machine(chromium: string) {
  const cpu = cpus();
  return { cpus: cpu.length, cpuModel: cpu[0]?.model ?? '', node: process.version, chromium };
}

export const verdict = (ms: number, target: number) => (ms <= target ? 'met' : 'MISSED');
