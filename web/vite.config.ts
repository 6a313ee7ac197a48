import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Compressed-size budgets: the first screen must stay light (issue: < 250 KB of JS in all). */
const ENTRY_BUDGET_KB = 150;
const CHUNK_BUDGET_KB = 100;

/** Fails the build when a JavaScript chunk's gzip size is over its budget. */
function chunkBudget(): Plugin {
  return {
    name: 'chunk-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const over: string[] = [];
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const kb = gzipSync(chunk.code).length / 1024;
        const budget = chunk.isEntry ? ENTRY_BUDGET_KB : CHUNK_BUDGET_KB;
        if (kb > budget) over.push(`${chunk.fileName}: ${kb.toFixed(1)} KB gzip > ${budget} KB`);
      }
      if (over.length) this.error(`JavaScript over budget:\n${over.join('\n')}`);
    },
  };
}

export default defineConfig({
  base: '/app/',
  plugins: [react(), chunkBudget()],
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npm run dev` in web/ proxies the API to a server started with `npm start` (or TMS_API).
    proxy: {
      '/api': process.env.TMS_API ?? 'http://127.0.0.1:3000',
      '/read': process.env.TMS_API ?? 'http://127.0.0.1:3000',
    },
  },
});
