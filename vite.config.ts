import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { ocrAssets } from './build/ocrAssets';
import { compressAssets } from './build/compress';
import { firstLoadBudget } from './build/firstLoadBudget';

// barcode-detector inlines one zxing-wasm build's JavaScript (3.1.3 today, not the top-level
// zxing-wasm), and only that build's wasm fits it: resolve it from barcode-detector's own dependency.
const fromBarcodeDetector = createRequire(createRequire(import.meta.url).resolve('barcode-detector'));
const ZXING_READER_WASM = fromBarcodeDetector.resolve('zxing-wasm/reader/zxing_reader.wasm');

// Shown in Sync details and its diagnostics report (src/ui/SyncDetails.tsx).
const APP_VERSION = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
  plugins: [
    react(),
    ocrAssets(),
    firstLoadBudget(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Outpost — visitor capture',
        short_name: 'Outpost',
        description: 'Capture and edit event visitors offline; changes sync when a connection returns.',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4ed8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Written by `npm run screenshots` from the real app (scripts/screenshots.ts).
        screenshots: [
          { src: '/screenshots/narrow.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: 'The visitor list on a phone' },
          { src: '/screenshots/wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'The visitor list and a visitor on a laptop' },
        ],
        // src/ui/Workspace.tsx opens the form or the scanner for `action`.
        shortcuts: [
          { name: 'New visitor', url: '/?action=new-visitor', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
          { name: 'Scan badge', url: '/?action=scan-badge', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // The card reader (14 MB; a device fetches the ~7 MB it needs) is loaded on first use and cached by the
        // service worker. The manifest's screenshots are only for the browser's install dialog.
        // The .br/.gz copies (build/compress.ts) are other encodings of the same files, not entries.
        globIgnores: ['ocr/**', 'screenshots/**', '**/*.br', '**/*.gz'],
      },
      devOptions: { enabled: false },
    }),
    // After the service worker is written, so sw.js is compressed too.
    compressAssets(),
  ],
  resolve: {
    alias: [{ find: /^barcode-detector\/zxing_reader\.wasm(?=\?|$)/, replacement: ZXING_READER_WASM }],
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
