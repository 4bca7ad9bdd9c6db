// Lets a plain `node` child process load the TypeScript sources without a build: .ts files are
// transpiled on require with typescript's transpileModule, and `@mq/<pkg>` resolves to
// packages/<pkg>/src/index.ts as it does under jest.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const os = require('node:os');
const crypto = require('node:crypto');

const cacheDir = path.join(os.tmpdir(), 'mq-ts-register-cache');
let ts;

const packagesDir = path.resolve(__dirname, '../packages');
const originalResolve = Module._resolveFilename;

Module._resolveFilename = function resolve(request, parent, ...rest) {
  const match = /^@mq\/([a-z-]+)$/.exec(request);
  if (match) return path.join(packagesDir, match[1], 'src', 'index.ts');
  if (request.startsWith('.') && parent && parent.filename && parent.filename.endsWith('.ts')) {
    const base = path.resolve(path.dirname(parent.filename), request);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  }
  return originalResolve.call(this, request, parent, ...rest);
};

// Transpiled output is cached by content hash: a machine under load transpiles slowly and
// the crash test starts many children.
function transpile(filename, source) {
  const key = crypto.createHash('sha1').update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  if (fs.existsSync(cached)) return fs.readFileSync(cached, 'utf8');
  ts ??= require('typescript');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  fs.mkdirSync(cacheDir, { recursive: true });
  const temp = `${cached}.${process.pid}`;
  fs.writeFileSync(temp, outputText);
  fs.renameSync(temp, cached);
  return outputText;
}

require.extensions['.ts'] = function compile(module, filename) {
  module._compile(transpile(filename, fs.readFileSync(filename, 'utf8')), filename);
};
