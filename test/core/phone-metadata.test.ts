/**
 * dist/Code.js ships libphonenumber-js's `min` metadata without number formats
 * (scripts/phone-metadata.cjs, issue 16: the bundle's size). Baton only parses, validates and
 * takes E.164; this checks those answers are the same with and without the formats, for every
 * region's example numbers, national and international, and for near misses.
 */
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';

const { strippedPhoneMetadata } = require('../../scripts/phone-metadata.cjs') as { strippedPhoneMetadata: () => MetadataJson };
const full = require('libphonenumber-js/metadata.min.json') as MetadataJson;
const examples = require('libphonenumber-js/examples.mobile.json') as Record<string, string>;

const stripped = strippedPhoneMetadata();

function answer(text: string, region: string, metadata: MetadataJson): string | null {
  const phone = parsePhoneNumberFromString(text, region as CountryCode, metadata);
  return phone ? `${phone.number}|${phone.isValid()}|${phone.country ?? ''}` : null;
}

it('is much smaller than the metadata it comes from', () => {
  expect(JSON.stringify(stripped).length).toBeLessThan(JSON.stringify(full).length * 0.5);
});

it('parses and validates every region example the same way, national and international, and near misses too', () => {
  const inputs: [string, string][] = [];
  for (const [region, national] of Object.entries(examples)) {
    const code = (full.countries as Record<string, unknown[]>)[region][0] as string;
    inputs.push([national, region], [`+${code}${national}`, region], [`+${code} ${national}`, 'US'], [`0${national}`, region]);
    inputs.push([national.slice(0, -1), region], [`${national}9`, region], [`(${national.slice(0, 3)}) ${national.slice(3)}`, region]);
  }
  inputs.push(['(212) 555-0101', 'US'], ['030 901820', 'DE'], ['12345', 'US'], ['+44 20 7946 0958', 'US'], ['07700 900123', 'GB']);
  let valid = 0;
  for (const [text, region] of inputs) {
    const a = answer(text, region, full);
    expect(answer(text, region, stripped)).toBe(a);
    if (a?.endsWith('|true|' + region) || a?.includes('|true|')) valid++;
  }
  expect(valid).toBeGreaterThan(200);
});
