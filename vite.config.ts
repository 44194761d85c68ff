import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { createRequire } from 'node:module';
import { ocrAssets } from './build/ocrAssets';

// barcode-detector inlines one zxing-wasm build's JavaScript (3.1.3 today, not the top-level
// zxing-wasm), and only that build's wasm fits it: resolve it from barcode-detector's own dependency.
const fromBarcodeDetector = createRequire(createRequire(import.meta.url).resolve('barcode-detector'));
const ZXING_READER_WASM = fromBarcodeDetector.resolve('zxing-wasm/reader/zxing_reader.wasm');

export default defineConfig({
  plugins: [
    react(),
    ocrAssets(),
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
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4ed8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // The card reader (14 MB; a device fetches the ~7 MB it needs) is loaded on first use and cached by the service worker.
        globIgnores: ['ocr/**'],
      },
      devOptions: { enabled: false },
    }),
  ],
  resolve: {
    alias: [{ find: /^barcode-detector\/zxing_reader\.wasm(?=\?|$)/, replacement: ZXING_READER_WASM }],
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
