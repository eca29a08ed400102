/** Jest runs every suite under test/ through ts-jest (type errors are caught by `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  // Every core: Jest's default leaves one for itself, which on CI's two cores ran the suites one at
  // a time (about 10 minutes; about 5 with both).
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup/no-console.ts', '<rootDir>/test/setup/fast-check.ts'],
};
