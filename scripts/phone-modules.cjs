/**
 * The phone code dist/Code.js ships: libphonenumber-js's `es6-modern` modules where its entry
 * points import `es6` ones. The package publishes both builds of the same sources: `es6` is
 * compiled for old browsers, with Babel's class, spread and iterator helpers inlined into each
 * module that uses them; `es6-modern` keeps classes and spreads, which esbuild writes as they are
 * for Apps Script's V8. The modules keep the package's `sideEffects: false` (a path a plugin
 * resolves has side effects unless it says otherwise), so the ones Baton never calls (finding
 * numbers in text, as-you-type formatting, 8 KB of Unicode tables) stay out. Same functions, same
 * metadata: `test/bundle/phone-modules.test.ts` checks the bundled parser's answers.
 */
const path = require('node:path');

const ES6 = `${path.sep}libphonenumber-js${path.sep}es6${path.sep}`;
const MODERN = `${path.sep}libphonenumber-js${path.sep}es6-modern${path.sep}`;

/** esbuild plugin: a relative import from inside libphonenumber-js into `es6/` resolves to `es6-modern/`, free of side effects as the package declares. */
const modernPhoneModulesPlugin = {
  name: 'phone-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.includes(`${path.sep}libphonenumber-js${path.sep}`)) return undefined;
      const resolved = path.resolve(args.resolveDir, args.path);
      return resolved.includes(ES6) ? { path: resolved.replace(ES6, MODERN), sideEffects: false } : undefined;
    });
  },
};

module.exports = { modernPhoneModulesPlugin };
