import { defineConfig } from 'vite';

/**
 * The Electron main process and, with BUILD_TARGET=preload, the preload, and with
 * BUILD_TARGET=searchWorker the search index's worker thread, and with BUILD_TARGET=coreProcess
 * the core's own process (a utilityProcess the main bundle starts from beside itself, as the
 * core starts the search worker). Each is one self-contained CommonJS file: a sandboxed preload can
 * require nothing but electron.
 */
const target = process.env.BUILD_TARGET ?? 'electron';
const INPUTS: Record<string, string> = {
  electron: 'main/electron/app.main.ts',
  preload: 'preload/preload.preload.ts',
  searchWorker: 'main/db/searchWorker.node.ts',
  coreProcess: 'main/coreHost/coreProcessEntry.node.ts',
};

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/main',
    emptyOutDir: target === 'electron',
    target: 'node22',
    rollupOptions: {
      input: { [target]: INPUTS[target]! },
      external: ['electron', 'electron-updater', 'better-sqlite3', 'ws', /^node:/],
      output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, external: ['electron', 'electron-updater', 'better-sqlite3', 'ws'] },
});
