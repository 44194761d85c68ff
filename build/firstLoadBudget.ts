import { brotliCompressSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';
import { firstLoadChunks, overBudgetMessage } from './compressible';

/**
 * Fails the build when the JS that index.html loads (the entry and its static imports) is over
 * FIRST_LOAD_BUDGET compressed with Brotli, as the server sends it.
 */
export function firstLoadBudget(): Plugin {
  return {
    name: 'outpost:first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) =>
        item.type === 'chunk' ? [{ fileName: item.fileName, isEntry: item.isEntry, imports: item.imports, code: item.code }] : [],
      );
      const code = new Map(chunks.map((chunk) => [chunk.fileName, chunk.code]));
      const sizes = new Map(
        firstLoadChunks(chunks).map((name) => [
          name,
          brotliCompressSync(code.get(name) ?? '', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        ]),
      );
      const message = overBudgetMessage(sizes);
      if (message) this.error(message);
      const total = [...sizes.values()].reduce((sum, n) => sum + n, 0);
      this.info(`first-load JS ${(total / 1024).toFixed(1)} KB compressed (Brotli), ${sizes.size} chunks`);
    },
  };
}
