import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const API_TARGET = 'http://localhost:3000';

/** Removes every `@media screen\0 …{…}` block (balanced braces): Internet Explorer hacks. */
function dropIeMediaHacks(css: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = css.indexOf('@media screen\\0', i);
    if (start < 0) return out + css.slice(i);
    out += css.slice(i, start);
    let j = css.indexOf('{', start);
    let depth = 0;
    for (; j < css.length; j++) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}' && --depth === 0) break;
    }
    i = j + 1;
  }
}

/**
 * nhsuk-frontend's CSS loads the Frutiger web font from assets.nhs.uk and its icons from
 * /assets/images. Our CSP (`default-src 'self'`) blocks the font, so drop those @font-face rules
 * (the stack falls back to Arial, as NHS.UK does when the font fails), and point the icons at the
 * package's own files so Vite bundles them. Its Internet Explorer media hacks (`screen\0`) are
 * dropped too: the CSS minifier rejects them and no supported browser reads them.
 */
function nhsukCssForStrictCsp(): Plugin {
  return {
    name: 'waymark:nhsuk-css-for-strict-csp',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? '';
      if (!file.includes('/nhsuk-frontend/') || !file.endsWith('.css')) return null;
      return {
        code: dropIeMediaHacks(code)
          .replace(/@font-face\s*\{[^}]*assets\.nhs\.uk[^}]*\}/g, '')
          .replaceAll('url(/assets/images/', 'url(./assets/images/'),
        map: null,
      };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [
    react(),
    nhsukCssForStrictCsp(),
    // The public app's service worker (web/modules/public-app/service-worker/sw.ts → /sw.js): our
    // own small worker, given the build's file list. The manifest is a static file
    // (web/public/manifest.webmanifest) and main.tsx registers the worker, in production only.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'modules/public-app/service-worker',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        rollupFormat: 'iife',
        // The app shell: every built page's code and styles, the icons and the manifest.
        globPatterns: ['**/*.{html,js,css,svg,png,ico,webmanifest}'],
        // Source maps are for developers, not for offline use.
        globIgnores: ['**/*.map'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Small icons become data: URIs (allowed by img-src); nothing is inlined as script.
    assetsInlineLimit: 4096,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': API_TARGET,
      '/healthz': API_TARGET,
      '/readyz': API_TARGET,
    },
  },
});
