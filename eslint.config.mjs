import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';
import prettier from 'eslint-config-prettier';
import jest from 'eslint-plugin-jest';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The boundary rule reads Nx's cached project graph and silently skips itself when there
// is none (a fresh clone, CI). Computing the graph here makes a plain `eslint` run enforce it.
await createProjectGraphAsync({ exitOnError: true });

const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'];
// Test files plus test support: the root test/ folder, src/e2e/ harnesses, src/testing/ factories.
const TEST_CODE = [...TEST_FILES, 'test/**/*.ts', '**/src/e2e/**/*.ts', '**/src/testing/**/*.ts'];
const TEST_HELPERS_ONLY_IN_TESTS =
  'Test helpers belong in test code (specs, test/, src/e2e/, src/testing/).';

const SERVICE_SCOPES = [
  'gateway',
  'policy-service',
  'dsr-service',
  'vault-service',
  'access-review-service',
  'retention-service',
  'crm-sample',
];

/**
 * Allowed project dependencies, by tag. Production code never reaches `type:testing`;
 * test code may, hence the flag.
 */
function depConstraints({ allowTesting }) {
  const libs = allowTesting ? ['type:lib', 'type:testing'] : ['type:lib'];

  return [
    // Apps only compose libs: an app never imports another app.
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: libs },
    { sourceTag: 'type:lib', onlyDependOnLibsWithTags: libs },
    // Test helpers build on libs, never on apps.
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib'] },
    // Shared code knows no service's domain.
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    // A service sees shared libs and its own domain libs, never another service's.
    ...SERVICE_SCOPES.map((scope) => ({
      sourceTag: `scope:${scope}`,
      onlyDependOnLibsWithTags: ['scope:shared', `scope:${scope}`],
    })),
    // The CLI and the standalone process assemble every service.
    { sourceTag: 'scope:composite', onlyDependOnLibsWithTags: ['*'] },
  ];
}

function moduleBoundaries({ allowTesting }) {
  return [
    'error',
    {
      // Nx builds the graph per project, not per file: a lib's spec importing the testing
      // lib, which imports that lib, is not a real cycle. Non-test code cannot import
      // `@compliance/testing` at all (see the constraints and no-restricted-imports).
      ignoredCircularDependencies: [['testing', 'tag:type:lib']],
      depConstraints: depConstraints({ allowTesting }),
    },
  ];
}

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/coverage/',
    '**/.data/',
    '**/tmp/',
    '**/.nx/',
    'jest.config.js',
  ]),

  js.configs.recommended,

  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ allowTesting: false }),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: `async` is how an implementation honours a Promise-returning interface (a bus's
      // `serve`, a `close`) with nothing to await, and turns its throws into rejections.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@compliance/testing', message: TEST_HELPERS_ONLY_IN_TESTS }],
          patterns: [{ group: ['@compliance/testing/*'], message: TEST_HELPERS_ONLY_IN_TESTS }],
        },
      ],
    },
  },

  {
    files: TEST_CODE,
    plugins: { jest },
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ allowTesting: true }),
      'no-restricted-imports': 'off',
      // Off: `expect(repo.save).toHaveBeenCalled()` is not a call; jest/unbound-method
      // below keeps the check for everything else.
      '@typescript-eslint/unbound-method': 'off',
      'jest/unbound-method': 'error',
      // Off: matchers (`expect.any`, `expect.objectContaining`) and supertest bodies are
      // typed `any` by their libraries; assertions check the shapes instead.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  {
    files: TEST_FILES,
    rules: {
      'jest/no-focused-tests': 'error',
    },
  },

  {
    // The CLI's output and the benchmark's report are their purpose.
    files: ['apps/cli/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-console': 'off',
    },
  },

  prettier,
]);
