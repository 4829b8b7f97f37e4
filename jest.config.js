/** One jest run for the libraries' unit tests and the end-to-end suites in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  // Transpile only: `npm test` type-checks the whole project once with tsc before jest runs.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: {
    '^@attendance/(event-store|rules|platforms|domain)(/.*)?$': '<rootDir>/libs/$1/src$2',
  },
  testTimeout: 30000,
};
