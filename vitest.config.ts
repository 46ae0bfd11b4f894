import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Two projects: the main-process side runs in plain Node; the renderer in happy-dom.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          testTimeout: 20_000,
          // electron-store imports `electron` itself: inlined, it sees the tests' mocked one.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        plugins: [vue()],
        resolve: { tsconfigPaths: true },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.test.ts'],
          setupFiles: ['test/unit/renderer/setup.ts'],
        },
      },
    ],
  },
})
