import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The architecture, enforced: the renderer never reaches for Electron, Node or axios, and
// only the Electron shell (electron/main, electron/preload) may import electron.
const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'worker_threads', 'module']
const NO_NODE = 'No Node built-ins in the renderer.'
const VIA_SHARED_ALIAS = { group: ['**/electron/shared/**'], message: 'Import the contract as @shared/… (tsconfig.web.json paths).' }
/** What only electron/main (and electron/preload) may import. */
const SHELL_ONLY = [
  { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' },
  { name: 'electron-store', message: 'electron-store imports electron: only electron/main may use it (browser mode uses conf).' },
]
/** One `no-restricted-imports` rule; a later block's rule replaces an earlier one's for its files. */
const restrictImports = (paths, patterns = []) => ({ 'no-restricted-imports': ['error', { paths, patterns }] })

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'test/artifacts/**', 'reports/**', '.stryker-tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.mjs', 'test/**/*.ts', 'bench/**/*.{ts,mjs}', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['src/**/*.{ts,vue}', 'test/unit/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // TypeScript already knows which names exist; no-undef only misreads DOM and type names.
    files: ['**/*.{ts,vue}'],
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    rules: restrictImports(
      [
        { name: 'electron', message: 'The renderer talks to main only through src/api.ts.' },
        { name: 'axios', message: 'HTTP to the vendor belongs to main (electron/core/vendor).' },
        ...NODE_BUILTINS.map((name) => ({ name, message: NO_NODE })),
      ],
      [
        { group: ['node:*'], message: NO_NODE },
        { group: ['**/electron/core/**', '**/electron/main/**', '**/electron/web/**', '**/electron/sandbox/**'], message: 'The renderer may import only electron/shared.' },
        VIA_SHARED_ALIAS,
      ],
    ),
  },
  {
    files: ['src/components/**/*.vue', 'src/views/**/*.vue'],
    rules: restrictImports(
      [{ name: 'electron', message: 'No electron in the renderer.' }, { name: 'axios', message: 'No axios in the renderer.' }],
      [{ group: ['**/api', '**/api.ts'], message: 'Components never call IPC: go through a store.' }, VIA_SHARED_ALIAS, { group: ['node:*'], message: NO_NODE }],
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: restrictImports(SHELL_ONLY),
  },
  {
    // Core knows no fake: the hosts start the demo sandbox beside it (electron/sandbox/demo.ts).
    files: ['electron/core/**/*.ts'],
    rules: restrictImports(SHELL_ONLY, [{ group: ['**/sandbox/**', '**/sandbox'], message: 'Core takes a vendor URL and credentials; the hosts start the demo sandbox.' }]),
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: restrictImports([{ name: 'electron', message: 'The contract is shared with the renderer.' }], [{ group: ['node:*'], message: 'The contract is shared with the renderer.' }]),
  },
)
