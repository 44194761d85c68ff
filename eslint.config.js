// @ts-check
// ESLint 9 flat config: the recommended rules, size limits, and the project's layers
// (docs/ARCHITECTURE.md, "Layers"), checked by the local rule in eslint/layers.js.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.js';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

// Packages every unit test may use, on top of what its layer may import.
const TEST_RUNNER = ['vitest', 'fast-check'];

// Packages that belong to the browser client and never to Node code.
const CLIENT_ONLY = ['dexie', 'react', 'react-dom', '@tanstack/*', 'workbox-*', 'fake-indexeddb'];

/**
 * One entry per layer.
 * - root: the layer's folder (or one file), from the repo root; imports inside it are free.
 * - packages: the packages it may import (`name-*` and `@scope/*` match many); `null` = any
 *   package but `deniedPackages`. Node builtins count as packages and are never listed.
 * - allow: other folders or files (repo-relative, no extension) it may import; deny: parts of
 *   what `allow` covers that stay off limits; typeOnly: what it may import with `import type` only.
 * - test: extra packages and folders for its test code: `*.test.ts(x)` files, files under a
 *   `testing/` folder, and `testFiles`.
 * @type {import('./eslint/layers.js').Layer[]}
 */
const LAYERS = [
  {
    root: 'src/core',
    // papaparse: the CSV export's writer (pure, no I/O).
    packages: ['zod', 'papaparse'],
    allow: [],
    test: { packages: TEST_RUNNER },
  },
  {
    root: 'src/db',
    packages: ['dexie'],
    allow: ['src/core'],
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb', 'uuid'] },
    // The fake-IndexedDB database factory that only tests use.
    testFiles: ['src/db/testDb.ts'],
  },
  {
    root: 'src/sync',
    // zod: the transport checks answers against the core's schemas.
    packages: ['uuid', 'zod'],
    allow: ['src/core'],
    // Engine and outbox tests drive a real device: the Dexie store and the repository.
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb'], allow: ['src/db', 'src/data'] },
  },
  {
    root: 'src/data',
    // uuid: the repository makes record and op ids; zod: local writes are checked against the core's schemas.
    packages: ['dexie', 'uuid', 'zod'],
    allow: ['src/core', 'src/sync', 'src/db'],
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb'] },
  },
  {
    root: 'src/app',
    packages: null,
    allow: ['src'],
    deny: ['src/ui'],
  },
  {
    root: 'src/ui',
    packages: ['react', 'react-dom', '@tanstack/react-query', '@tanstack/react-virtual'],
    allow: ['src/core', 'src/app', 'src/data'],
    typeOnly: ['src/sync'],
    test: { packages: TEST_RUNNER },
  },
  {
    root: 'src/main.tsx',
    packages: ['react', 'react-dom', '@tanstack/react-query', '@tanstack/react-virtual'],
    allow: ['src/core', 'src/app', 'src/data', 'src/ui'],
    typeOnly: ['src/sync'],
  },
  {
    root: 'sw',
    packages: ['workbox-*'],
    allow: ['src/core', 'src/db', 'src/sync', 'src/app/syncConstants'],
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb'] },
  },
  {
    root: 'server',
    packages: null,
    deniedPackages: CLIENT_ONLY,
    allow: ['src/core'],
  },
  // e2e and bench are one layer (Node + Playwright): bench drives the app with e2e/support.
  {
    root: 'e2e',
    packages: null,
    allow: ['server', 'src/core', 'bench', 'src/app/syncConstants'],
  },
  {
    root: 'bench',
    packages: null,
    // qaHooks: the bench's floors build the same visitors the QA hook does.
    allow: ['server', 'src/core', 'e2e', 'src/app/syncConstants', 'src/app/qaHooks'],
  },
];

export default defineConfig(
  globalIgnores(['dist/', 'dist-server/', 'node_modules/', 'bench/results/', 'test-results/', 'playwright-report/']),

  { name: 'js/recommended', files: ['**/*.{js,mjs,cjs}', ...TS_FILES], extends: [js.configs.recommended] },
  { name: 'typescript-eslint/recommended', files: TS_FILES, extends: [tseslint.configs.recommended] },
  {
    name: 'outpost/js-globals',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'outpost/ts-rules',
    files: TS_FILES,
    rules: {
      // `_`-prefixed names are how this code marks deliberately unused parameters/bindings
      // (destructuring a field away, a callback's unused first argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  {
    name: 'outpost/playwright',
    files: ['e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Playwright reads a fixture's first parameter as an object pattern, and one that needs no
      // other fixture must be written `async ({}, use) => ...`. Empty patterns elsewhere still fail.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
    },
  },

  // Size limits.
  {
    name: 'outpost/size',
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    name: 'outpost/size-tests',
    // A test file's describe() body and a Playwright spec's test() body are long by nature.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.spec.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },

  // React.
  {
    name: 'outpost/react-hooks',
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    extends: [reactHooks.configs.flat.recommended],
    // Outpost does not build with the React Compiler; this rule only says what it would skip.
    rules: { 'react-hooks/incompatible-library': 'off' },
  },

  // Layers (docs/ARCHITECTURE.md, "Layers").
  {
    name: 'outpost/layers',
    files: TS_FILES,
    plugins: { outpost: layersPlugin(LAYERS, import.meta.dirname) },
    rules: { 'outpost/layers': 'error' },
  },
);
