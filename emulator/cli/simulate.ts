/**
 * `npm run simulate -- FILE.json`: runs a scenario against dist/Code.js and prints one JSON
 * result on stdout (nothing else goes to stdout). Exit 0 when the scenario ran, 2 for a
 * malformed scenario or a missing bundle, with the reason on stderr.
 */
import { readFileSync } from 'node:fs';
import { runScenario, ScenarioError } from '../scenario';

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(2);
}

const file = process.argv[2];
if (!file) fail('usage: npm run simulate -- FILE.json');
let input: unknown;
try {
  input = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  fail(`cannot read ${file} as JSON: ${(err as Error).message}`);
}
try {
  process.stdout.write(JSON.stringify(runScenario(input), null, 2) + '\n');
} catch (err) {
  if (err instanceof ScenarioError || /No built bundle/.test((err as Error).message)) fail((err as Error).message);
  throw err;
}
