/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build; the api
 * serves the one the browser accepts (@fastify/static preCompressed), so nothing is
 * compressed per request. Small files are left alone: compressing them gains nothing.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'bro-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f))) {
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * The web app. `npm run build` puts it in dist/web, which the api serves at `/`.
 * `npm run dev:web` runs Vite's dev server with hot reload and sends /v1 to the api.
 * JSX is compiled by Vite's own transformer (automatic runtime), so no React plugin.
 */
export default defineConfig({
  root,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
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
