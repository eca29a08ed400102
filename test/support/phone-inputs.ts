/**
 * Phone numbers to parse, for the tests that check the bundle's phone code and metadata give the
 * package's own answers: every region's example number national and international, and near misses
 * (a digit short, a digit over, a trunk 0, brackets), plus a few typed the way people type them.
 */
import type { MetadataJson } from 'libphonenumber-js/core';

const examples = require('libphonenumber-js/examples.mobile.json') as Record<string, string>;

/** [text, default region] pairs; `metadata` gives each region's calling code. */
export function phoneInputs(metadata: MetadataJson): [string, string][] {
  const inputs: [string, string][] = [];
  for (const [region, national] of Object.entries(examples)) {
    const code = (metadata.countries as Record<string, unknown[]>)[region][0] as string;
    inputs.push([national, region], [`+${code}${national}`, region], [`+${code} ${national}`, 'US'], [`0${national}`, region]);
    inputs.push([national.slice(0, -1), region], [`${national}9`, region], [`(${national.slice(0, 3)}) ${national.slice(3)}`, region]);
  }
  inputs.push(['(212) 555-0101', 'US'], ['030 901820', 'DE'], ['12345', 'US'], ['+44 20 7946 0958', 'US'], ['07700 900123', 'GB']);
  return inputs;
}
