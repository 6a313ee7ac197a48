import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'artifacts/**',
      'data/**',
      'web/src/api/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: '.only does not land' },
        {
          selector: "CallExpression[callee.property.name='skip']",
          message: 'skipped tests do not land',
        },
      ],
    },
  },
  {
    // On Node 20 the first AsyncLocalStorage.run() turns async_hooks on for the life of the
    // process: +15% CPU per reader page (BENCHMARKS.md). Pass request ids explicitly instead.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        ...['async_hooks', 'node:async_hooks'].map((name) => ({
          name,
          importNames: ['AsyncLocalStorage', 'createHook', 'AsyncResource'],
          message: 'async_hooks slow every request once on; see the logging notes in BENCHMARKS.md',
        })),
        ...['nestjs-pino', 'pino-http', 'nestjs-cls'].map((name) => ({
          name,
          message: 'request context through AsyncLocalStorage; see src/logging.ts',
        })),
      ],
    },
  },
  {
    // Test helpers return parsed JSON whose shape each test asserts.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
