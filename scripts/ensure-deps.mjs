/**
 * `npm test` installs what it needs: when node_modules is missing or older than the lock file,
 * it runs `npm ci` first, so a newcomer's first `npm test` works on a fresh clone. The browser
 * tests (test/browser) need Debian's chromium: installed here when running as root, otherwise
 * this stops with the command to run.
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  process.stderr.write('Installing dependencies (npm ci)...\n');
  execSync('npm ci --no-audit --no-fund', { stdio: ['ignore', process.stderr, process.stderr] });
}

// Playwright drives the system browser; it never downloads one (no `npx playwright install`).
const chromium = '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('Installing Debian chromium for the browser tests (apt-get install -y chromium, about a minute)...\n');
    execSync('apt-get update && apt-get install -y chromium', {
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    process.stderr.write(
      `The browser tests (test/browser) need Debian chromium at ${chromium}. Install it as root:\n` +
        '  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium\n' +
        'then run npm test again. (bash .ci/run installs it too.)\n',
    );
    process.exit(1);
  }
}
