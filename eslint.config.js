import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundary from './eslint-rules/process-boundary.js';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'worker_threads',
  'events',
];
const processSpecific = [
  'electron',
  'better-sqlite3',
  'ws',
  'pusher-js',
  'phoenix',
  'socket.io-client',
];
const restrict = (names, message) => names.map((name) => ({ group: [name, `${name}/*`], message }));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'test-results', 'playwright-report', 'bench/.store'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { switchboard: boundary },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'switchboard/file-runtime': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // A promise nobody awaits loses its error (an unhandled rejection) or races what follows.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(
              nodeBuiltins,
              'The renderer never touches Node: go through the IPC contract.',
            ),
            ...restrict(
              processSpecific,
              'The renderer never touches Node or Electron-main modules.',
            ),
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to the core only through shared/ipc.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(nodeBuiltins, 'shared/ runs in every process: no Node modules.'),
            ...restrict(
              [...processSpecific, 'react', 'react-dom', 'zustand'],
              'shared/ imports nothing process-specific.',
            ),
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'shared/ depends on nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(nodeBuiltins, 'The sandboxed preload has no Node modules.'),
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'The preload exposes shared/ipc only.',
            },
          ],
        },
      ],
    },
  },
);
