// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_SERVER_LIBRARY = { name: '@turbota/server', message: 'A domain library does not depend on the HTTP server library.' };
const NO_HTTP_EXCEPTIONS = {
  name: '@nestjs/common',
  importNames: ['HttpException', 'BadRequestException', 'NotFoundException', 'ConflictException', 'PreconditionFailedException', 'ForbiddenException', 'UnauthorizedException', 'BadGatewayException', 'GoneException'],
  message: 'Throw a domain error from @turbota/common (InvalidInputError, NotFoundError, ConflictError, ...).',
};

export default tseslint.config(
  // The console's API types are generated from the OpenAPI document (npm run console:client).
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test-artifacts/', 'apps/console/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'apps/*/web/*/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['**/*.spec.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Domain libraries know nothing of HTTP: they throw the domain errors of @turbota/common,
    // which the API maps to statuses in one filter (libs/server/src/domain-errors-http.ts).
    files: ['libs/*/src/**/*.ts'],
    ignores: ['libs/server/**', 'libs/auth/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_SERVER_LIBRARY, NO_HTTP_EXCEPTIONS] }] },
  },
  {
    // A library's controller (its HTTP edge) and its specs may name HTTP exceptions, still not the server library.
    files: ['libs/*/src/**/*.controller.ts', 'libs/*/src/**/*.spec.ts'],
    ignores: ['libs/server/**', 'libs/auth/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_SERVER_LIBRARY] }] },
  },
  {
    files: ['tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['*.js', '*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
  },
  {
    // The pages' own scripts run in the browser as they are, without a build step.
    files: ['apps/*/web/**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly', document: 'readonly', localStorage: 'readonly', fetch: 'readonly', crypto: 'readonly',
        EventSource: 'readonly', matchMedia: 'readonly', setTimeout: 'readonly',
      },
    },
  },
);
