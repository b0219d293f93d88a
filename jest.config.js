/**
 * Jest runs the TypeScript sources as native ES modules, transformed by SWC.
 * Slonik is CommonJS but requires the ESM-only p-limit 6, which Jest's module runtime cannot
 * require on Node 20; inside tests it gets p-limit 3, the same API published as CommonJS.
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^p-limit$': 'p-limit-cjs' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/support/globalSetup.mjs',
  globalTeardown: '<rootDir>/test/support/globalTeardown.mjs',
};
