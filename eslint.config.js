// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', '**/coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': 'off',
      'no-control-regex': 'off',
      // `onClick={() => setView(x)}` is the idiom in JSX handlers.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Row types are stated where a query is made (sql.get<Row>(…)); that is the point of the helper.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  {
    // The protocol package is imported by every process: it must stay free of Node and server code.
    files: ['packages/shared/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'better-sqlite3', 'express', 'socket.io', '@parley/server'],
              message: 'packages/shared is runtime-neutral',
            },
          ],
        },
      ],
    },
  },
  {
    // Desktop core runs under plain Node in tests: no Electron there, and nothing of the shell.
    files: ['apps/desktop/src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core/ never imports electron' }],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'core/ knows nothing of the shell',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandboxed preload: contextBridge, ipcRenderer and webUtils (a dropped file's path), and the contract's names (no zod, no Node).
    files: ['apps/desktop/src/preload/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowImportNames: [
                'contextBridge',
                'ipcRenderer',
                'IpcRenderer',
                'IpcRendererEvent',
                'webUtils',
              ],
              message: 'the preload uses only contextBridge, ipcRenderer and webUtils',
            },
            {
              name: '@parley/shared',
              allowTypeImports: true,
              message: 'import runtime values from @parley/shared/ipc-channels: the preload carries no zod',
            },
          ],
          patterns: [
            {
              group: ['node:*', '**/core/**', '**/main/**', '**/renderer/**'],
              message: 'the preload stays tiny',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer reaches the main process only through window.parley, and carries no zod: it
    // takes types from @parley/shared and values only from its small subpaths.
    files: ['apps/desktop/src/renderer/**', 'apps/desktop/test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'the renderer talks only to window.parley' },
            {
              name: '@parley/shared',
              allowTypeImports: true,
              message:
                'import values from @parley/shared/ipc-api, /ipc-channels or /limits: no zod in the renderer',
            },
          ],
          patterns: [
            { group: ['node:*', ...builtinModules], message: 'the renderer has no Node' },
            {
              group: ['**/core/**', '**/main/**', '**/preload/**'],
              message: 'the renderer talks only to window.parley',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**', '**/bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
