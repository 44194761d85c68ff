import { createReadStream, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** Where the app finds the on-device card reader; the app reads it as `__OUTPOST_OCR__`. */
export interface OcrAssets {
  workerPath: string;
  /** A folder: tesseract.js picks the core variant this device supports from it. */
  corePath: string;
  langPath: string;
  /** Every URL served under /ocr/, so the app can drop other versions from its cache. */
  urls: string[];
}

interface OcrFile {
  url: string;
  source: string;
}

const require = createRequire(import.meta.url);

function packageDir(name: string): { dir: string; version: string } {
  const manifest = require.resolve(`${name}/package.json`);
  return { dir: dirname(manifest), version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version };
}

/**
 * The files tesseract.js fetches for `createWorker('eng', OEM.LSTM_ONLY)` with a folder as
 * `corePath`: its worker script, one of the three LSTM-only cores (relaxed SIMD, SIMD or
 * plain; each `.wasm.js` embeds its wasm, so the `.wasm` files are never fetched) and the
 * integer LSTM English data. Versions are in the paths: the service worker serves /ocr/ cache
 * first, so a new version must come at a new URL.
 */
export function ocrFiles(): { assets: OcrAssets; files: OcrFile[] } {
  const tesseract = packageDir('tesseract.js');
  const core = packageDir('tesseract.js-core');
  const eng = packageDir('@tesseract.js-data/eng');
  const workerDir = `/ocr/tesseract.js-${tesseract.version}/`;
  const coreDir = `/ocr/tesseract.js-core-${core.version}/`;
  const langDir = `/ocr/eng-${eng.version}-best_int/`;
  const files: OcrFile[] = [
    { url: `${workerDir}worker.min.js`, source: join(tesseract.dir, 'dist/worker.min.js') },
    ...['', '-simd', '-relaxedsimd'].map((variant) => {
      const name = `tesseract-core${variant}-lstm.wasm.js`;
      return { url: `${coreDir}${name}`, source: join(core.dir, name) };
    }),
    { url: `${langDir}eng.traineddata.gz`, source: join(eng.dir, '4.0.0_best_int/eng.traineddata.gz') },
  ];
  const assets = { workerPath: files[0]!.url, corePath: coreDir, langPath: langDir, urls: files.map((f) => f.url) };
  return { assets, files };
}

const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript', gz: 'application/gzip' };

/** Copies the card reader's files from the npm packages into the build under /ocr/ (no CDN). */
export function ocrAssets(): Plugin {
  const { assets, files } = ocrFiles();
  let config: ResolvedConfig;
  return {
    name: 'outpost:ocr-assets',
    config: () => ({ define: { __OUTPOST_OCR__: JSON.stringify(assets) } }),
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      const byUrl = new Map(files.map((f) => [f.url, f.source]));
      server.middlewares.use((req, res, next) => {
        const source = byUrl.get((req.url ?? '').split('?')[0] ?? '');
        if (!source) return next();
        res.setHeader('content-type', CONTENT_TYPES[source.split('.').pop() ?? ''] ?? 'application/octet-stream');
        createReadStream(source).pipe(res);
      });
    },
    async writeBundle() {
      const outDir = join(config.root, config.build.outDir);
      let bytes = 0;
      for (const file of files) {
        const target = join(outDir, file.url);
        await mkdir(dirname(target), { recursive: true });
        await copyFile(file.source, target);
        bytes += statSync(file.source).size;
      }
      config.logger.info(`outpost:ocr-assets: ${files.length} files, ${bytes} bytes under ${join(config.build.outDir, 'ocr')}/`);
    },
  };
}
