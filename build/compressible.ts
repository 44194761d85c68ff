// The pure rules of build/compress.ts and build/firstLoadBudget.ts, tested in build/compressible.test.ts.

/** What the server may send compressed: text formats and wasm. Images and .gz data are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|wasm|traineddata)$/;

/** Below this a compressed copy saves less than its headers cost. */
export const MIN_BYTES = 512;

/** Whether a built file of `bytes` at `path` gets `.br` and `.gz` copies. */
export function isCompressible(path: string, bytes: number): boolean {
  return bytes >= MIN_BYTES && COMPRESSIBLE.test(path);
}

/** A copy is kept only if it saves at least 5 % (or it would cost a decode for nothing). */
export function worthKeeping(originalBytes: number, compressedBytes: number): boolean {
  return compressedBytes <= originalBytes * 0.95;
}

/**
 * Brotli's quality for a file: the best (11) for the app's own scripts and styles; 9 above
 * 1 MiB (the barcode wasm, the card reader's cores), where 11 takes tens of seconds a file for
 * about 10 % less.
 */
export function brotliQuality(bytes: number): number {
  return bytes > 1024 * 1024 ? 9 : 11;
}

/** The first-load JS budget, in bytes of Brotli: the sign-in screen over a hall's network. */
export const FIRST_LOAD_BUDGET = 120 * 1024;

/** A chunk of the bundle as far as the budget cares. */
export interface ChunkInfo {
  fileName: string;
  isEntry: boolean;
  /** Static imports only: dynamic ones are fetched later, when used. */
  imports: readonly string[];
}

/** The entry chunks and every chunk they import statically, transitively: what index.html loads. */
export function firstLoadChunks(chunks: readonly ChunkInfo[]): string[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  return [...seen];
}

/** The build's error when the first load is over budget, naming the chunks and their sizes. */
export function overBudgetMessage(sizes: ReadonlyMap<string, number>, budget = FIRST_LOAD_BUDGET): string | null {
  const total = [...sizes.values()].reduce((sum, n) => sum + n, 0);
  if (total <= budget) return null;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const lines = [...sizes].sort((a, b) => b[1] - a[1]).map(([name, n]) => `  ${name}: ${kb(n)}`);
  return [
    `First-load JS is ${kb(total)} compressed (Brotli), over the budget of ${kb(budget)}:`,
    ...lines,
    'Load what the sign-in screen does not need with a dynamic import() (docs/ARCHITECTURE.md, "Serving the app").',
  ].join('\n');
}
