import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard is a static bundle in web/dist that the API process serves at `/`; in
 * development `vite --config web/vite.config.ts` proxies /api to a running `restock serve`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: { proxy: { '/api': process.env['RESTOCK_API_URL'] ?? 'http://127.0.0.1:3000' } },
});
