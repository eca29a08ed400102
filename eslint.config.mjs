// Lint for the whole repo. The rules that matter most keep the architecture honest:
// src/core is pure (no Apps Script globals, no imports from src/gas), and the sidebar may only
// import types from src.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp', 'PropertiesService', 'LockService', 'CacheService', 'MailApp', 'GmailApp',
  'ScriptApp', 'Session', 'Utilities', 'HtmlService', 'Logger', 'UrlFetchApp', 'DriveApp',
  'FormApp', 'Charts', 'ContentService', 'google',
].map((name) => ({ name, message: 'src/core is pure: Apps Script services are reached only through src/gas.' }));

export default tseslint.config(
  { ignores: ['dist/**', '.dist-build-*/**', 'dist.old-*/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core is handed `now`; it never reads the clock.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The core is handed `now`; it never reads the clock.' },
      ],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/gas', '**/gas/**', '../main', '**/main'], message: 'src/core may not import the Apps Script shell.' }] }],
    },
  },
  {
    files: ['sidebar/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], allowTypeImports: true, message: 'The sidebar may only import types from src.' }] }],
    },
  },
  {
    // Apps Script code loaded into the emulator as is: its globals are the services, its
    // top-level functions are entry points.
    files: ['bench/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { SpreadsheetApp: 'readonly', Utilities: 'readonly' } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^naive' }] },
  },
  {
    files: ['emulator/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{js,mjs,cjs}', 'bench/**/*.ts', 'playground/**/*.ts', '*.config.{js,mjs}', 'jest.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
