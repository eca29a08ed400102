/**
 * dist/Code.js ships libphonenumber-js's `min` metadata without number formats
 * (scripts/phone-metadata.cjs, issue 16: the bundle's size). Baton only parses, validates and
 * takes E.164; this checks those answers are the same with and without the formats, for every
 * region's example numbers, national and international, and for near misses.
 */
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import { phoneInputs } from '../support/phone-inputs';

const { strippedPhoneMetadata } = require('../../scripts/phone-metadata.cjs') as { strippedPhoneMetadata: () => MetadataJson };
const full = require('libphonenumber-js/metadata.min.json') as MetadataJson;

const stripped = strippedPhoneMetadata();

function answer(text: string, region: string, metadata: MetadataJson): string | null {
  const phone = parsePhoneNumberFromString(text, region as CountryCode, metadata);
  return phone ? `${phone.number}|${phone.isValid()}|${phone.country ?? ''}` : null;
}

it('is much smaller than the metadata it comes from', () => {
  expect(JSON.stringify(stripped).length).toBeLessThan(JSON.stringify(full).length * 0.5);
});

it('parses and validates every region example the same way, national and international, and near misses too', () => {
  const inputs = phoneInputs(full);
  let valid = 0;
  for (const [text, region] of inputs) {
    const a = answer(text, region, full);
    expect(answer(text, region, stripped)).toBe(a);
    if (a?.endsWith('|true|' + region) || a?.includes('|true|')) valid++;
  }
  expect(valid).toBeGreaterThan(200);
});
