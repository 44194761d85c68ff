import { describe, expect, it } from 'vitest';
import { brotliQuality, FIRST_LOAD_BUDGET, firstLoadChunks, isCompressible, overBudgetMessage, worthKeeping } from './compressible';

describe('which built files get compressed copies', () => {
  it('takes text formats and wasm of at least MIN_BYTES, not images, maps or data already compressed', () => {
    expect(isCompressible('assets/index-abc.js', 600_000)).toBe(true);
    expect(isCompressible('index.html', 991)).toBe(true);
    expect(isCompressible('manifest.webmanifest', 1_100)).toBe(true);
    expect(isCompressible('assets/zxing_reader-abc.wasm', 1_093_289)).toBe(true);
    expect(isCompressible('assets/qaHooks-abc.js', 300)).toBe(false);
    expect(isCompressible('icons/icon-512.png', 40_000)).toBe(false);
    expect(isCompressible('assets/index-abc.js.map', 3_000_000)).toBe(false);
    expect(isCompressible('ocr/eng/eng.traineddata.gz', 2_952_873)).toBe(false);
    expect(isCompressible('assets/index-abc.js.br', 100_000)).toBe(false);
  });

  it('keeps a copy only when it saves at least 5 %', () => {
    expect(worthKeeping(10_000, 9_500)).toBe(true);
    expect(worthKeeping(10_000, 9_501)).toBe(false);
  });

  it('uses Brotli’s best quality up to 1 MiB', () => {
    expect(brotliQuality(600_000)).toBe(11);
    expect(brotliQuality(4_000_000)).toBe(9);
  });
});

describe('the first-load budget', () => {
  const chunks = [
    { fileName: 'index.js', isEntry: true, imports: ['react.js', 'runtime.js'] },
    { fileName: 'react.js', isEntry: false, imports: ['runtime.js'] },
    { fileName: 'runtime.js', isEntry: false, imports: [] },
    { fileName: 'workspace.js', isEntry: false, imports: ['react.js', 'zod.js'] },
    { fileName: 'zod.js', isEntry: false, imports: [] },
  ];

  it('counts the entry and its static imports, transitively, and no chunk only loaded later', () => {
    expect(firstLoadChunks(chunks).sort()).toEqual(['index.js', 'react.js', 'runtime.js']);
  });

  it('is silent within the budget and names the chunks over it', () => {
    expect(overBudgetMessage(new Map([['index.js', FIRST_LOAD_BUDGET]]))).toBeNull();
    const message = overBudgetMessage(new Map([['index.js', 100 * 1024], ['react.js', 30 * 1024]]));
    expect(message).toContain('First-load JS is 130.0 KB compressed (Brotli), over the budget of 120.0 KB');
    expect(message).toContain('index.js: 100.0 KB');
    expect(message).toContain('react.js: 30.0 KB');
  });
});
