/** Reads `clasp show-file-status --json` on stdin and fails unless exactly the built files would be pushed. */
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const status = JSON.parse(input);
  const expected = ['dist/Code.js', 'dist/appsscript.json', 'dist/sidebar.html'];
  const pushed = [...status.filesToPush].sort();
  if (JSON.stringify(pushed) !== JSON.stringify([...expected].sort())) {
    process.stderr.write(`clasp would push ${JSON.stringify(pushed)}, expected ${JSON.stringify(expected)}\n`);
    process.exit(1);
  }
  process.stdout.write(`clasp pushes: ${pushed.join(', ')}\n`);
});
