/** Jest runs every suite under test/ through ts-jest (type errors are caught by `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup/no-console.ts', '<rootDir>/test/setup/fast-check.ts'],
};
