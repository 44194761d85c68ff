// @ts-check
import { describe, expect, it } from 'vitest';
import { layerViolation } from './layers.js';

/** @type {import('./layers.js').Layer} */
const core = { root: 'src/core', packages: ['zod'], allow: [], test: { packages: ['vitest'] } };
/** @type {import('./layers.js').Layer} */
const ui = { root: 'src/ui', packages: ['react', '@tanstack/*'], allow: ['src/core', 'src/app'], typeOnly: ['src/sync'] };
/** @type {import('./layers.js').Layer} */
const app = { root: 'src/app', packages: null, allow: ['src'], deny: ['src/ui'] };
/** @type {import('./layers.js').Layer} */
const server = { root: 'server', packages: null, deniedPackages: ['dexie', 'workbox-*'], allow: ['src/core'] };

describe('layer rule', () => {
  it('judges a relative import by where it lands, however it is written', () => {
    expect(layerViolation(core, 'src/core/client/row.ts', '../values', false)).toBeNull();
    expect(layerViolation(core, 'src/core/client/row.ts', '../../core/values', false)).toBeNull();
    expect(layerViolation(core, 'src/core/client/row.ts', '../../db/schema', false)).toMatch(/not src\/db\/schema/);
    expect(layerViolation(server, 'server/routes/sync.ts', '../../src/core/protocol', false)).toBeNull();
    expect(layerViolation(server, 'server/routes/sync.ts', '../../src/sync/engine', false)).toMatch(/not src\/sync\/engine/);
  });

  it('allows listed packages (with wildcards), never Node builtins where a list is given', () => {
    expect(layerViolation(core, 'src/core/a.ts', 'zod', false)).toBeNull();
    expect(layerViolation(core, 'src/core/a.ts', 'node:crypto', false)).toMatch(/not node:crypto/);
    expect(layerViolation(core, 'src/core/a.ts', 'fs', false)).toMatch(/not fs/);
    expect(layerViolation(ui, 'src/ui/A.tsx', '@tanstack/react-virtual', false)).toBeNull();
    expect(layerViolation(ui, 'src/ui/A.tsx', 'dexie', false)).toMatch(/not dexie/);
    expect(layerViolation(server, 'server/a.ts', 'workbox-core', false)).toMatch(/must not import workbox-core/);
    expect(layerViolation(server, 'server/a.ts', 'fastify', false)).toBeNull();
  });

  it('gives test files their extras, and type-only folders only to `import type`', () => {
    expect(layerViolation(core, 'src/core/a.test.ts', 'vitest', false)).toBeNull();
    expect(layerViolation(core, 'src/core/a.ts', 'vitest', false)).toMatch(/not vitest/);
    expect(layerViolation(ui, 'src/ui/A.tsx', '../sync/engine', true)).toBeNull();
    expect(layerViolation(ui, 'src/ui/A.tsx', '../sync/engine', false)).toMatch(/types only from src\/sync/);
  });

  it('keeps denied folders out even when a wider allow covers them', () => {
    expect(layerViolation(app, 'src/app/outpost.ts', '../data/visitors', false)).toBeNull();
    expect(layerViolation(app, 'src/app/outpost.ts', '../ui/App', false)).toMatch(/must not import src\/ui\/App/);
  });
});
