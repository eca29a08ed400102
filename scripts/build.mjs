/**
 * `npm run build`: writes what clasp pushes, and nothing else, into dist/:
 * Code.js (esbuild, minified), sidebar.html (esbuild, inlined into one file: HtmlService serves
 * single files) and appsscript.json (the manifest, copied).
 *
 * Code.js works around Apps Script's constraints:
 * - Apps Script finds entry points only as top-level `function` declarations: for every
 *   `global.x = x` in src/main.ts the file starts with a stub `function x(){}`, and the bundle
 *   (one IIFE, `global` being `globalThis`) then puts the real function in its place.
 * - No source maps: Apps Script would store them as code. ES2019 syntax with ES2020's optional
 *   chaining and nullish coalescing (`?.`, `??`), which Apps Script's V8 parses (docs/PLATFORM-FACTS.md
 *   row 13): written as is, they are 7 KB smaller than lowered to ES2019.
 * - Phone metadata without the number formats Baton never uses (scripts/phone-metadata.cjs), and
 *   libphonenumber-js's modern build of its code, not the one full of Babel helpers
 *   (scripts/phone-modules.cjs).
 * - At most MAX_SERVER_BYTES, 250 KB (issue 16): esbuild bundles and minifies, then terser
 *   compresses the bundle a second time (3% smaller than esbuild alone); top-level names are kept,
 *   as they are the entry points. The build fails past the limit rather than ship a bigger file.
 * Webpack built it before issue 16: 347 KB, for sources esbuild alone made 253 KB in 2026-12.
 */
import { build } from 'esbuild';
import { minify } from 'terser';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import phoneMetadata from './phone-metadata.cjs';
import phoneModules from './phone-modules.cjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const finalDist = path.join(root, 'dist');
// Built beside dist/ and swapped in at the end, so tests reading dist/ while a build runs never
// see it half-written or missing.
const dist = path.join(root, `.dist-build-${process.pid}`);
/** dist/Code.js's budget, 250 KB: issue 16's target for the server bundle (what Apps Script loads each run). */
const MAX_SERVER_BYTES = 250_000;

async function buildServer() {
  const main = await readFile(path.join(root, 'src/main.ts'), 'utf8');
  const entryPoints = [...main.matchAll(/^global\.(\w+)\s*=\s*\w+;/gm)].map((m) => m[1]);
  if (entryPoints.length === 0) throw new Error('src/main.ts declares no `global.x = x` entry points');
  const result = await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2019'],
    supported: { 'optional-chain': true, 'nullish-coalescing': true },
    define: { global: 'globalThis' },
    legalComments: 'none',
    write: false,
    plugins: [phoneMetadata.phoneMetadataPlugin, phoneModules.modernPhoneModulesPlugin],
  });
  const stubs = entryPoints.map((name) => `function ${name}(){}`).join('');
  // ES2020 so terser keeps `?.` and `??` (esbuild lets no other ES2020 syntax through, and
  // test/bundle/entry-points.test.ts checks it); `toplevel` stays off, so the stubs keep their
  // names. Arrows for function expressions that use no `this`, and method shorthand, are safe here:
  // every constructor in the bundle is a class or uses `this` (libphonenumber-js's compiled
  // classes), and the tests run this file.
  const compress = { passes: 3, keep_fargs: false, unsafe_arrows: true, unsafe_methods: true };
  const squeezed = await minify(result.outputFiles[0].text, { ecma: 2020, compress, mangle: true, format: { comments: false } });
  const code = `${stubs}\n${squeezed.code}`;
  const bytes = Buffer.byteLength(code);
  if (bytes > MAX_SERVER_BYTES) throw new Error(`dist/Code.js is ${bytes} bytes, over its budget of ${MAX_SERVER_BYTES} (scripts/build.mjs)`);
  await writeFile(path.join(dist, 'Code.js'), code);
}

async function buildSidebar() {
  const result = await build({
    entryPoints: [path.join(root, 'sidebar/main.tsx')],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2019'],
    write: false,
    loader: { '.css': 'text' },
  });
  const script = result.outputFiles[0].text;
  const template = await readFile(path.join(root, 'sidebar/index.html'), 'utf8');
  // A function replacement: a string one would expand `$&` sequences found in minified code.
  // `</script` inside the bundle would end the inline script early, so it is escaped.
  const inlined = template.replace('<!-- SCRIPT -->', () => `<script>${script.replace(/<\/script/gi, '<\\/script')}</script>`);
  await writeFile(path.join(dist, 'sidebar.html'), inlined);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await Promise.all([buildServer(), buildSidebar()]);
await copyFile(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
const old = `${finalDist}.old-${process.pid}`;
await rename(finalDist, old).catch(() => {});
await rename(dist, finalDist);
await rm(old, { recursive: true, force: true });
process.stderr.write('built dist/Code.js, dist/sidebar.html, dist/appsscript.json\n');
