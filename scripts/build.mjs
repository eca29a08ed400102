/**
 * `npm run build`: writes what clasp pushes, and nothing else, into dist/:
 * Code.js (webpack + gas-webpack-plugin), sidebar.html (esbuild, inlined into one file:
 * HtmlService serves single files) and appsscript.json (the manifest, copied).
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const finalDist = path.join(root, 'dist');
// Built beside dist/ and swapped in at the end, so tests reading dist/ while a build runs never
// see it half-written or missing.
const dist = path.join(root, `.dist-build-${process.pid}`);
const require = createRequire(import.meta.url);

async function buildServer() {
  const webpack = require('webpack');
  const base = require(path.join(root, 'webpack.config.js'));
  const config = { ...base, output: { ...base.output, path: dist } };
  const stats = await new Promise((resolve, reject) =>
    webpack(config, (err, s) => (err ? reject(err) : resolve(s))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
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
