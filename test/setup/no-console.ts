/** Any stray console output fails the test that made it: tests speak through assertions. */
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
for (const m of methods) {
  jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
    throw new Error(`console.${m} called in a test: ${args.map(String).join(' ')}`);
  });
}
