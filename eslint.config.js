// Lint and layer rules. The layers are the architecture: each `files` block says what a
// folder may import, so a wrong dependency fails `npm run lint` instead of a review.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import-restriction rule: no path matching any of `groups` (gitignore-style patterns). */
const forbid = (message, ...groups) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.tmp/**', 'test/fixtures/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        'The engine runs in the CLI, the editor and tests: it imports nothing from the app layers, nor electron.',
        'electron',
        '**/bridge/**',
        '**/cli/**',
        '**/electron/**',
        '**/renderer/**',
        '**/preload/**',
      ),
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid(
        'The renderer is a sandboxed page: it imports only common/ and its own files (the engine is reached through the bridge).',
        'electron',
        'node:*',
        '**/main/**',
        '**/preload/**',
      ),
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        'The preload is the typed bridge: it imports only common/ and electron.',
        'node:*',
        '**/main/**',
        '**/renderer/**',
      ),
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        'common/ is the contract shared by every layer: it imports no layer.',
        'electron',
        'node:*',
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
      ),
    },
  },
  prettier,
);
