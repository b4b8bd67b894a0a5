import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @confab/web` serves the app with hot reload and forwards the API and the
// socket to a running server (CONFAB_SERVER, default http://127.0.0.1:3000).
const server = process.env.CONFAB_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // Workspace packages export `"source": "./src/index.ts"`: build from their TypeScript directly.
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/healthz': { target: server, changeOrigin: true },
      '/socket.io': { target: server, changeOrigin: true, ws: true },
    },
  },
  // React, socket.io and the shared zod schemas make one ~550 kB chunk (170 kB gzipped).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
});
