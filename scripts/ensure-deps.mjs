/**
 * `npm test` installs what it needs: when node_modules is missing or older than the lock file,
 * it runs `npm ci` first, so a newcomer's first `npm test` works on a fresh clone.
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  process.stderr.write('Installing dependencies (npm ci)...\n');
  execSync('npm ci --no-audit --no-fund', { stdio: ['ignore', process.stderr, process.stderr] });
}
