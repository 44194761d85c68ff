import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built chunk that holds tesseract.js's page side (found by its default worker URL, which Outpost overrides). */
export function ocrLibraryChunk(distDir = 'dist'): string {
  const assets = join(distDir, 'assets');
  const found = readdirSync(assets).filter((name) => name.endsWith('.js') && readFileSync(join(assets, name), 'utf8').includes('tesseract.js@v'));
  if (found.length !== 1) throw new Error(`expected one tesseract.js chunk in ${assets}, found ${found.length}`);
  return `/assets/${found[0]}`;
}
