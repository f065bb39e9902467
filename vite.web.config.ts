import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

/**
 * Dev server only: Vite injects component CSS as <style> elements there, which the production CSP in
 * index.html (style-src 'self') forbids, so served pages get style-src 'unsafe-inline' added. Built
 * pages keep the strict policy. Any other Vite config serving src/renderer needs the same plugin.
 */
function devCspPlugin(): Plugin {
  return {
    name: 'leaky-lab:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
  };
}

/** Web build of the renderer: a static site in out/web whose engine runs in a Web Worker. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') }), devCspPlugin()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'out/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173, strictPort: false },
});
