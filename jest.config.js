const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
};

/**
 * Two projects: every test once (the shared suite on the in-memory store),
 * and the shared suite again on the DynamoDB adapter over dynalite: the same
 * test files, not copies.
 */
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'all', roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
    {
      ...base,
      displayName: 'shared suite on DynamoDB',
      roots: ['<rootDir>/test'],
      testMatch: [
        '**/test/core/outcomes.test.ts',
        '**/test/core/recorded-stream.test.ts',
        '**/test/core/redelivery.test.ts',
        '**/test/core/bad-input.test.ts',
        '**/test/core/malformed-events.test.ts',
        '**/test/core/batch-metrics.test.ts',
      ],
      setupFilesAfterEnv: ['<rootDir>/test/support/use-dynamodb-store.ts'],
    },
  ],
};
