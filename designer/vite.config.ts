/**
 * The designer's build. `vite build designer` writes `designer/dist`, which the server serves
 * at `/`; `vite designer` is the dev server, proxying `/api` to the server on :3000.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The engine (CEL, ajv, xstate, yaml) runs in the browser: one chunk is fine for a web app
    // used all day at a desk; the warning would only be noise.
    chunkSizeWarningLimit: 4000,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
    // The app imports the engine and bundles the library's YAML from outside designer/.
    fs: { allow: [repo] },
  },
});
