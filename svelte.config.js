import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Svelte options shared by the web build (vite.web.config.ts) and the desktop build (electron-vite). */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
};
