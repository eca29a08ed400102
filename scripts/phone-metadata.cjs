/**
 * The phone metadata dist/Code.js ships: libphonenumber-js's `min` metadata without the number
 * formats. Baton only parses, validates and takes E.164 (`src/core/lead-checks.ts`: `isValid()`,
 * `.number`); formats serve `format()` and AsYouType, which it never calls, and are 60% of the
 * metadata. `test/core/phone-metadata.test.ts` checks that parsing gives the same answers with it.
 */
/** Index of a country's formats in the compressed (version 4) metadata arrays. */
const FORMATS = 4;

/** The `min` metadata with every country's formats emptied (the arrays keep their positions). */
function strippedPhoneMetadata() {
  const metadata = JSON.parse(JSON.stringify(require('libphonenumber-js/metadata.min.json')));
  if (metadata.version !== 4) throw new Error(`libphonenumber-js metadata version ${metadata.version}: check scripts/phone-metadata.cjs`);
  for (const country of Object.values(metadata.countries)) if (Array.isArray(country[FORMATS])) country[FORMATS] = [];
  return metadata;
}

/** esbuild plugin: the bundle imports the stripped metadata where libphonenumber-js imports its own. */
const phoneMetadataPlugin = {
  name: 'phone-metadata',
  setup(build) {
    build.onLoad({ filter: /libphonenumber-js[\\/]metadata\.min\.json\.js$/ }, () => ({
      contents: `export default ${JSON.stringify(strippedPhoneMetadata())}`,
      loader: 'js',
    }));
  },
};

module.exports = { strippedPhoneMetadata, phoneMetadataPlugin };
