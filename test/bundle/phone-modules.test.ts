/**
 * dist/Code.js takes libphonenumber-js's code from its `es6-modern` build, not `es6`
 * (scripts/phone-modules.cjs, issue 16: the bundle's size). This bundles the phone parser the way
 * scripts/build.mjs does, both plugins, and checks it gives the package's own answers for every
 * region's examples and their near misses, and that no `es6` module is left in it.
 */
import { build, type Plugin } from 'esbuild';
import type { CountryCode, MetadataJson, PhoneNumber } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { phoneInputs } from '../support/phone-inputs';

const { phoneMetadataPlugin } = require('../../scripts/phone-metadata.cjs') as { phoneMetadataPlugin: Plugin };
const { modernPhoneModulesPlugin } = require('../../scripts/phone-modules.cjs') as { modernPhoneModulesPlugin: Plugin };
const full = require('libphonenumber-js/metadata.min.json') as MetadataJson;

type Parse = (text: string, region: CountryCode) => PhoneNumber | undefined;

async function bundledParser(plugins: Plugin[]): Promise<{ parse: Parse; modules: string[]; bytes: number }> {
  const result = await build({
    stdin: { contents: "export { parsePhoneNumberFromString } from 'libphonenumber-js/min';", resolveDir: __dirname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'cjs',
    target: ['es2019'],
    supported: { 'optional-chain': true, 'nullish-coalescing': true },
    write: false,
    metafile: true,
    plugins,
  });
  const module = { exports: {} as { parsePhoneNumberFromString: Parse } };
  new Function('module', 'exports', result.outputFiles[0].text)(module, module.exports);
  // The modules that put code in the bundle (the metafile's inputs include every module parsed).
  const output = Object.values(result.metafile.outputs)[0];
  const modules = Object.entries(output.inputs).filter(([, m]) => m.bytesInOutput > 0).map(([name]) => name);
  return { parse: module.exports.parsePhoneNumberFromString, modules, bytes: result.outputFiles[0].contents.length };
}

function answer(parse: Parse, text: string, region: string): string | null {
  const phone = parse(text, region as CountryCode);
  return phone ? `${phone.number}|${phone.isValid()}|${phone.country ?? ''}|${phone.nationalNumber}` : null;
}

let built: Awaited<ReturnType<typeof bundledParser>>;
let babel: Awaited<ReturnType<typeof bundledParser>>;
beforeAll(async () => {
  built = await bundledParser([phoneMetadataPlugin, modernPhoneModulesPlugin]);
  babel = await bundledParser([phoneMetadataPlugin]);
});

it('takes every module of libphonenumber-js code from es6-modern, none from es6', () => {
  const code = built.modules.filter((m) => m.includes('libphonenumber-js/') && !m.includes('metadata'));
  expect(code.some((m) => m.includes('/es6-modern/'))).toBe(true);
  expect(code.filter((m) => m.includes('/es6/'))).toEqual([]);
  expect(babel.modules.some((m) => m.includes('/es6/'))).toBe(true);
});

it('leaves out what Baton never calls: finding numbers in text, formatting as you type', () => {
  expect(built.modules.filter((m) => /findNumbers|PhoneNumberMatcher|AsYouType/.test(m))).toEqual([]);
});

it('is smaller than the Babel build by more than 5 KB (the parser alone)', () => {
  expect(babel.bytes - built.bytes).toBeGreaterThan(5_000);
});

it('parses and validates every region example, and near misses, as the package itself does', () => {
  let valid = 0;
  for (const [text, region] of phoneInputs(full)) {
    const own = answer(parsePhoneNumberFromString as Parse, text, region);
    expect(answer(built.parse, text, region)).toBe(own);
    if (own?.includes('|true|')) valid++;
  }
  expect(valid).toBeGreaterThan(200);
});
