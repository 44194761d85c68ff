// @ts-check
// The `outpost/layers` rule: each layer of the project may import only the folders and the
// packages its entry lists (docs/ARCHITECTURE.md, "Layers"). Relative specifiers are resolved
// against the importing file, so a path is judged by where it lands, however it is written.
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * @typedef {{ packages?: string[], allow?: string[] }} Extras
 * @typedef {{ root: string, packages: string[] | null, deniedPackages?: string[], allow: string[],
 *   deny?: string[], typeOnly?: string[], test?: Extras, testFiles?: string[] }} Layer
 */

const NODE_BUILTINS = new Set(builtinModules);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** `workbox-*` and `@tanstack/*` match any name of that shape. */
const matches = (name, pattern) =>
  pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) && name.length > pattern.length - 1 : name === pattern;

/** Whether `target` (repo-relative, no extension) is `place` or lies inside it. */
const inside = (target, place) => target === place || target.startsWith(`${place}/`);

const isTestFile = (file, layer) =>
  /\.test\.tsx?$/.test(file) || file.split('/').includes('testing') || (layer.testFiles ?? []).includes(file);

/**
 * What is wrong with importing `spec` from `file` (repo-relative) in `layer`, or null.
 * @param {Layer} layer @param {string} file @param {string} spec @param {boolean} typeOnly
 */
export function layerViolation(layer, file, spec, typeOnly) {
  const extras = isTestFile(file, layer) ? (layer.test ?? {}) : {};
  const where = `${layer.root}${extras === layer.test ? ' tests' : ''}`;
  if (spec.startsWith('.')) {
    const target = path.posix.join(path.posix.dirname(file), spec).replace(/\.[cm]?[jt]sx?$/, '');
    if (inside(target, layer.root) && !(layer.deny ?? []).some((d) => inside(target, d))) return null;
    if ((layer.deny ?? []).some((d) => inside(target, d))) return `${where} must not import ${target}.`;
    if ([...layer.allow, ...(extras.allow ?? [])].some((a) => inside(target, a))) return null;
    if (typeOnly && (layer.typeOnly ?? []).some((t) => inside(target, t))) return null;
    const allowed = [...layer.allow, ...(extras.allow ?? [])].join(', ') || 'nothing else';
    const types = layer.typeOnly ? ` (and types only from ${layer.typeOnly.join(', ')})` : '';
    return `${where} may import only its own files and ${allowed}${types}, not ${target}.`;
  }
  const name = packageOf(spec);
  if (layer.deniedPackages?.some((p) => matches(name, p))) return `${where} must not import ${name} (browser client only).`;
  if (layer.packages === null) return null;
  const packages = [...layer.packages, ...(extras.packages ?? [])];
  if (!spec.startsWith('node:') && !NODE_BUILTINS.has(name) && packages.some((p) => matches(name, p))) return null;
  return `${where} may import only these packages: ${packages.join(', ') || 'none'}; not ${spec}.`;
}

/** `import type { A }` and `import { type A, type B }` bring in no code. @param {any} n */
const typesOnly = (n) =>
  n.importKind === 'type' || (n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === 'type'));

/** @param {Layer[]} layers @param {string} root */
export function layersPlugin(layers, root) {
  const layerOf = (file) => layers.find((l) => inside(file.replace(/\.[cm]?[jt]sx?$/, ''), l.root.replace(/\.[cm]?[jt]sx?$/, '')));
  return {
    rules: {
      layers: {
        meta: { type: 'problem', docs: { description: 'Each layer imports only what its entry allows' }, schema: [] },
        /** @param {import('eslint').Rule.RuleContext} context */
        create(context) {
          const file = path.relative(root, context.filename).split(path.sep).join('/');
          const layer = layerOf(file);
          if (!layer) return {};
          /** @param {any} node @param {unknown} spec @param {boolean} typeOnly */
          const check = (node, spec, typeOnly) => {
            if (typeof spec !== 'string') return;
            const problem = layerViolation(layer, file, spec, typeOnly);
            if (problem) context.report({ node, message: `Layer rule: ${problem}` });
          };
          return {
            ImportDeclaration: (n) => check(n, n.source.value, typesOnly(n)),
            ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, /** @type {any} */ (n).exportKind === 'type'),
            ExportAllDeclaration: (n) => check(n, n.source.value, /** @type {any} */ (n).exportKind === 'type'),
            ImportExpression: (n) =>
              n.source.type === 'Literal'
                ? check(n, n.source.value, false)
                : context.report({ node: n, message: 'Layer rule: import() needs a literal path, so its layer can be checked.' }),
          };
        },
      },
    },
  };
}
