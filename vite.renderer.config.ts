import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer: a plain browser bundle, the same in Electron and in browser mode. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
  },
});
