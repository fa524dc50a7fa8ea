import { defineConfig } from 'vite';

/**
 * The Electron main process and, with BUILD_TARGET=preload, the preload. Each is one
 * self-contained CommonJS file: a sandboxed preload can require nothing but electron.
 */
const preload = process.env.BUILD_TARGET === 'preload';

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/main',
    emptyOutDir: !preload,
    target: 'node22',
    rollupOptions: {
      input: preload ? { preload: 'preload/preload.preload.ts' } : { electron: 'main/electron/app.main.ts' },
      external: ['electron', 'electron-updater', 'better-sqlite3', 'ws', /^node:/],
      output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, external: ['electron', 'electron-updater', 'better-sqlite3', 'ws'] },
});
