/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app. `npm run build` puts it in dist/web, which the api serves at `/`.
 * `npm run dev:web` runs Vite's dev server with hot reload and sends /v1 to the api.
 * JSX is compiled by Vite's own transformer (automatic runtime), so no React plugin.
 */
export default defineConfig({
  root,
  oxc: { jsx: { runtime: 'automatic' } },
  // The case vocabulary is the server's own (ADR 0020): one kernel, no copies in the web app.
  resolve: { alias: { '@bro/case-kernel': fileURLToPath(new URL('../../libs/case-kernel/src/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // React libraries mark modules "use client"; that means nothing in a browser-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/v1': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
