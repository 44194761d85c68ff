// @ts-check
// ESLint 9 flat config. Besides the usual recommended rules it enforces the layers of the
// project (docs/ARCHITECTURE.md, "Layers") with `@typescript-eslint/no-restricted-imports`: each layer lists
// the packages and the folders of the repo it may import; everything else is reported.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const TEST_NAMES = ['*.test.ts', '*.test.tsx'];

// Packages every unit test may use, on top of what its layer may import.
const TEST_RUNNER = ['vitest', 'fast-check'];

// Packages that belong to the browser client and never to Node code.
const CLIENT_ONLY = ['dexie', 'react', 'react-dom', '@tanstack/[^/]+', 'workbox-[^/]+', 'fake-indexeddb'];

/**
 * One entry per layer.
 * - root: the layer's folder (or a single file) from the repo root; imports inside it are free.
 * - packages: the bare specifiers (regex sources, matched with their subpaths) it may import;
 *   `null` = any package except those in `deniedPackages`. Node builtins are bare specifiers
 *   (`node:fs`, `fs`), so a layer with an allow-list cannot import them unless listed.
 * - allow: other folders/files (repo-root relative, no extension) it may import.
 * - deny: folders inside `allow` that are still off limits.
 * - typeOnly: folders/files it may import with `import type` only.
 * - test: extra packages/allow for its test code: `*.test.ts(x)` files, files under a
 *   `testing/` folder (test-only helpers such as fake servers) and `testFiles`.
 * @typedef {{ packages?: string[], allow?: string[] }} TestExtras
 * @typedef {{ name: string, root: string, file?: boolean, packages: string[] | null,
 *   deniedPackages?: string[], allow: string[], deny?: string[], typeOnly?: string[],
 *   test?: TestExtras, testFiles?: string[] }} Layer
 * @type {Layer[]}
 */
const LAYERS = [
  {
    name: 'src/core',
    root: 'src/core',
    packages: ['zod'],
    allow: [],
    test: { packages: TEST_RUNNER },
  },
  {
    name: 'src/db',
    root: 'src/db',
    packages: ['dexie'],
    allow: ['src/core'],
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb', 'uuid'] },
    // The fake-IndexedDB database factory that only tests use.
    testFiles: ['src/db/testDb.ts'],
  },
  {
    name: 'src/sync',
    root: 'src/sync',
    // zod: the transport checks answers against the core's schemas.
    packages: ['uuid', 'zod'],
    allow: ['src/core'],
    // Engine and outbox tests drive a real device: the Dexie store and the repository.
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb'], allow: ['src/db', 'src/data'] },
  },
  {
    name: 'src/data',
    root: 'src/data',
    // uuid: the repository makes record and op ids; zod: local writes are checked against the core's schemas.
    packages: ['dexie', 'uuid', 'zod'],
    allow: ['src/core', 'src/sync', 'src/db'],
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb'] },
  },
  {
    name: 'src/app',
    root: 'src/app',
    packages: null,
    allow: ['src'],
    deny: ['src/ui'],
  },
  {
    name: 'src/ui',
    root: 'src/ui',
    packages: ['react', 'react-dom', '@tanstack/react-query', '@tanstack/react-virtual'],
    allow: ['src/core', 'src/app', 'src/data'],
    typeOnly: ['src/sync'],
    test: { packages: TEST_RUNNER },
  },
  {
    name: 'src/main.tsx',
    root: 'src/main.tsx',
    file: true,
    packages: ['react', 'react-dom', '@tanstack/react-query', '@tanstack/react-virtual'],
    allow: ['src/core', 'src/app', 'src/data', 'src/ui'],
    typeOnly: ['src/sync'],
  },
  {
    name: 'sw',
    root: 'sw',
    packages: ['workbox-[^/]+'],
    allow: ['src/core', 'src/db', 'src/sync', 'src/app/syncConstants'],
    test: { packages: [...TEST_RUNNER, 'fake-indexeddb'] },
  },
  {
    name: 'server',
    root: 'server',
    packages: null,
    deniedPackages: CLIENT_ONLY,
    allow: ['src/core'],
  },
  // e2e and bench are one layer (Node + Playwright): bench drives the app with e2e/support.
  {
    name: 'e2e',
    root: 'e2e',
    packages: null,
    allow: ['server', 'src/core', 'bench', 'src/app/syncConstants'],
  },
  {
    name: 'bench',
    root: 'bench',
    packages: null,
    // qaHooks: the bench's floors build the same visitors the QA hook does.
    allow: ['server', 'src/core', 'e2e', 'src/app/syncConstants', 'src/app/qaHooks'],
  },
];

// Relative imports are matched by their text, so a rule must know how deep its file sits:
// one config object per depth below a layer's root (deeper folders than this are unchecked).
const MAX_DEPTH = 8;

/** @param {string} s */
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {string} dir @param {number} k */
const ancestor = (dir, k) => dir.split('/').filter(Boolean).slice(0, Math.max(0, dir.split('/').filter(Boolean).length - k)).join('/');

/** @param {string} dir */
const depthOf = (dir) => dir.split('/').filter(Boolean).length;

/** @param {number} k */
const ups = (k) => (k === 0 ? '\\./' : `(?:\\.\\./){${k}}`);

/**
 * A regex source (no anchors) matching relative specifiers written in a file of folder `dir`
 * that resolve to `target` or to something inside it.
 * @param {string} dir @param {string} target
 */
function resolvesInto(dir, target) {
  const alternatives = [];
  for (let k = 0; k <= depthOf(dir); k++) {
    const base = ancestor(dir, k);
    if (base === target || base.startsWith(`${target}/`)) {
      // Already inside target: exactly k `../` and then anything but more `../`.
      alternatives.push(`${ups(k)}(?!\\.\\./)`);
    } else if (base === '' || target.startsWith(`${base}/`)) {
      const rest = base === '' ? target : target.slice(base.length + 1);
      alternatives.push(`${ups(k)}${escapeRegex(rest)}(?:/|\\.[cm]?[jt]sx?$|$)`);
    }
  }
  return alternatives.length ? `(?:${alternatives.join('|')})` : '(?!)';
}

/** @param {string[]} packages */
const packageAlternatives = (packages) => `(?:${packages.join('|')})(?:/|$)`;

/**
 * The complete options of `@typescript-eslint/no-restricted-imports` for files of folder `dir`
 * in `layer`, with or without its test extras. (Options are not merged across config objects,
 * so each object carries the whole list.)
 * @param {Layer} layer @param {string} dir @param {TestExtras | undefined} extras
 */
function restrictions(layer, dir, extras) {
  const own = layer.root;
  const allow = [own, ...layer.allow, ...(extras?.allow ?? []), ...(layer.typeOnly ?? [])];
  const where = extras ? `${layer.name} tests` : layer.name;
  const allowedText = [...layer.allow, ...(extras?.allow ?? [])].join(', ') || 'nothing';
  /** @type {Array<Record<string, unknown>>} */
  const patterns = [
    {
      regex: `^(?!${allow.map((t) => resolvesInto(dir, t)).join(')(?!')})\\.`,
      caseSensitive: true,
      message: `Layer rule: ${where} may import only its own files and ${allowedText}${layer.typeOnly ? ` (types only from ${layer.typeOnly.join(', ')})` : ''}.`,
    },
  ];
  for (const denied of layer.deny ?? []) {
    patterns.push({
      regex: `^${resolvesInto(dir, denied)}`,
      caseSensitive: true,
      message: `Layer rule: ${where} must not import ${denied}.`,
    });
  }
  for (const typeOnly of layer.typeOnly ?? []) {
    patterns.push({
      regex: `^${resolvesInto(dir, typeOnly)}`,
      caseSensitive: true,
      allowTypeImports: true,
      message: `Layer rule: ${where} may import only types from ${typeOnly}: use \`import type\`.`,
    });
  }
  if (layer.packages) {
    const packages = [...layer.packages, ...(extras?.packages ?? [])];
    patterns.push({
      regex: `^(?![./])(?!${packageAlternatives(packages)})`,
      caseSensitive: true,
      message: `Layer rule: ${where} may import only these packages: ${packages.join(', ')} (no Node builtins).`,
    });
  }
  if (layer.deniedPackages) {
    patterns.push({
      regex: `^${packageAlternatives(layer.deniedPackages)}`,
      caseSensitive: true,
      message: `Layer rule: ${where} must not import browser-client packages (${layer.deniedPackages.join(', ')}).`,
    });
  }
  return ['error', { patterns }];
}

/** @returns {import('eslint').Linter.Config[]} */
function layerConfigs() {
  /** @type {import('eslint').Linter.Config[]} */
  const configs = [];
  for (const layer of LAYERS) {
    /** @type {Array<{ dir: string, files: string[], test: string[] }>} */
    const levels = [];
    if (layer.file) {
      const dir = ancestor(layer.root, 1);
      levels.push({ dir, files: [layer.root], test: [] });
    } else {
      for (let d = 0; d <= MAX_DEPTH; d++) {
        const folder = `${layer.root}/${'*/'.repeat(d)}`;
        levels.push({
          dir: `${layer.root}/${Array.from({ length: d }, () => 'x').join('/')}`.replace(/\/$/, ''),
          files: [`${folder}*.ts`, `${folder}*.tsx`],
          test: [
            ...TEST_NAMES.map((name) => `${folder}${name}`),
            // The same depth, with one of the folders being a `testing/` folder.
            ...Array.from({ length: d }, (_, i) => `${layer.root}/${'*/'.repeat(i)}testing/${'*/'.repeat(d - i - 1)}*.{ts,tsx}`),
          ],
        });
      }
    }
    for (const { dir, files, test } of levels) {
      configs.push({
        name: `layers/${layer.name}/${dir}`,
        files,
        rules: { '@typescript-eslint/no-restricted-imports': restrictions(layer, dir, undefined) },
      });
      if (layer.test) {
        const testFiles = [...test, ...(layer.testFiles ?? []).filter((f) => ancestor(f, 1) === dir)];
        configs.push({
          name: `layers/${layer.name}/${dir}/tests`,
          files: testFiles,
          rules: { '@typescript-eslint/no-restricted-imports': restrictions(layer, dir, layer.test) },
        });
      }
    }
  }
  return configs;
}

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
  ...layerConfigs(),
  {
    name: 'layers/no-dynamic-import',
    // `import()` is not seen by no-restricted-imports; these layers have no code splitting, so
    // a dynamic import there could only be a way around their import lists.
    files: ['src/core/**', 'src/db/**', 'src/sync/**', 'src/data/**', 'sw/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'Layer rule: no dynamic import() in this layer; use a static import that the layer allows.' }],
    },
  },
);
