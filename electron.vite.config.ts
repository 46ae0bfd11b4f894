import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { cspMeta } from './electron/shared/csp'

/** Puts the one CSP (electron/shared/csp.ts) into the built page as a <meta>. */
const cspPlugin: Plugin = {
  name: 'counter-csp',
  transformIndexHtml: (html) =>
    html.replace('<!-- csp -->', `<meta http-equiv="Content-Security-Policy" content="${cspMeta()}" />`),
}

// electron-vite's custom layout: electron/main, electron/preload, src/ (renderer).
// The main build also emits browser mode's host (out/main/web.js) and the standalone
// sandbox (out/main/sandbox.js): they share the core services' chunks with the shell.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: true,
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          web: resolve('electron/web/index.ts'),
          launch: resolve('electron/launch/index.ts'),
          sandbox: resolve('electron/sandbox/cli.ts'),
        },
        // Shared chunks sit beside the entries, so `../renderer` and `../preload`
        // resolve the same from every file in out/main.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything but a few Electron modules:
      // it must be one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src',
    plugins: [vue(), cspPlugin],
    resolve: { tsconfigPaths: true },
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('src/index.html') } },
    },
  },
})
