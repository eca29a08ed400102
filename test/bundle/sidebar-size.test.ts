/** The README states the sidebar's size; this keeps the statement true as the page changes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(__dirname, '..', '..');

it('dist/sidebar.html is the size the README and docs/SIDEBAR.md state (to the nearest KB)', () => {
  const page = readFileSync(path.join(ROOT, 'dist', 'sidebar.html'));
  const kb = (bytes: number) => Math.round(bytes / 1024);
  const actual = [kb(page.length), kb(gzipSync(page, { level: 9 }).length)];
  for (const doc of ['README.md', 'docs/SIDEBAR.md']) {
    const stated = readFileSync(path.join(ROOT, doc), 'utf8').match(/\*\*(\d+) KB, (\d+) KB gzipped\*\*/);
    expect(stated).not.toBeNull();
    const [raw, zipped] = [Number(stated![1]), Number(stated![2])];
    expect([Math.abs(raw - actual[0]) <= 1, Math.abs(zipped - actual[1]) <= 1]).toEqual([true, true]);
  }
  // A budget: the sidebar is one page in a 300 px panel, not an application framework.
  expect(actual[0]).toBeLessThan(100);
});
