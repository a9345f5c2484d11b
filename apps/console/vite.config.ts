import { defineConfig } from 'vite';

// Absolute, so the build works from any working directory.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/** The console: served by the API at `/console/`, built into `dist/console` beside the server's build. */
export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: 'public',
  // Vite transforms TSX itself (oxc): React 19's automatic runtime, no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: `${here}../../dist/console`,
    emptyOutDir: true,
    target: 'es2022',
    // Every script and style is a file of its own: the page's CSP allows no inline code.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
