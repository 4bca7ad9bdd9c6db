#!/usr/bin/env node
// Enforces the package layering drawn in ARCHITECTURE.md: a package may import only the
// @mq packages below it, its package.json may depend only on those, and no source file
// may take part in an import cycle. Usage: check-layers.mjs [package ...] (default: all).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Which @mq packages each package may import. Arrows point down only. */
export const LAYERS = {
  common: [],
  remoting: ['common'],
  store: ['common'],
  namesrv: ['common', 'remoting'],
  // The broker may embed a namesrv: the all-in-one `mqserver` and embedded test clusters run both.
  broker: ['common', 'remoting', 'store', 'namesrv'],
  client: ['common', 'remoting'],
  tools: ['common', 'remoting', 'client'],
};

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function importsOf(file) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  return [...text.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

function resolveRelative(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function findCycle(graph) {
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

function checkPackage(name) {
  const allowed = new Set(LAYERS[name]);
  const pkgDir = path.join(root, 'packages', name);
  const errors = [];
  const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  for (const dep of declared.filter((d) => d.startsWith('@mq/'))) {
    if (!allowed.has(dep.slice(4))) errors.push(`package.json depends on ${dep}, which is not below @mq/${name}`);
  }
  const graph = new Map();
  for (const file of sourceFiles(path.join(pkgDir, 'src'))) {
    const rel = path.relative(root, file);
    const edges = [];
    for (const spec of importsOf(file)) {
      if (spec.startsWith('@mq/')) {
        const target = spec.slice(4).split('/')[0];
        if (!allowed.has(target)) errors.push(`${rel} imports ${spec}: @mq/${name} may import only ${[...allowed].map((a) => `@mq/${a}`).join(', ') || 'no @mq package'}`);
        else if (!declared.includes(`@mq/${target}`)) errors.push(`${rel} imports ${spec} but package.json does not depend on it`);
      } else if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (target) edges.push(target);
      }
    }
    graph.set(file, edges);
  }
  const cycle = findCycle(graph);
  if (cycle) errors.push(`import cycle: ${cycle.map((f) => path.relative(root, f)).join(' -> ')}`);
  return errors;
}

function main() {
  const layerCycle = findCycle(new Map(Object.entries(LAYERS)));
  if (layerCycle) {
    console.error(`layer map has a cycle: ${layerCycle.join(' -> ')}`);
    process.exit(1);
  }
  const names = process.argv.slice(2);
  const targets = names.length > 0 ? names : Object.keys(LAYERS);
  let failed = false;
  for (const name of targets) {
    if (!(name in LAYERS)) {
      console.error(`unknown package: ${name}`);
      process.exit(2);
    }
    for (const error of checkPackage(name)) {
      console.error(`@mq/${name}: ${error}`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
