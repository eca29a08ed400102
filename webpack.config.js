/**
 * The server bundle, dist/Code.js. Each setting works around an Apps Script constraint:
 * - Apps Script finds entry points only as top-level `function` declarations, so
 *   gas-webpack-plugin turns every `global.x = x` in src/main.ts into a stub `function x() {}`.
 * - esbuild-loader only transpiles; the minifier is kept from wrapping the output in an IIFE
 *   (`format: undefined`), which would hide those stubs.
 * - No source maps (`devtool: false`): Apps Script would store them as code.
 * - V8 runtime: ES2019 syntax is safe everywhere Apps Script runs.
 */
const path = require('path');
const GasPlugin = require('gas-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/main.ts',
  devtool: false,
  target: ['web', 'es2019'],
  output: { path: path.resolve(__dirname, 'dist'), filename: 'Code.js', clean: false },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2019' } }],
  },
  optimization: {
    minimize: true,
    minimizer: [new EsbuildPlugin({ target: 'es2019', format: undefined })],
  },
  plugins: [new GasPlugin({ autoGlobalExportsFiles: [] })],
  performance: { hints: false },
};
