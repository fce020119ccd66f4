import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

// The server the dev server talks to (`anjian serve --demo`).
const api = process.env.ANJIAN_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  // Several dev servers on one checkout each need their own dependency cache.
  cacheDir: process.env.VITE_CACHE_DIR ?? 'node_modules/.vite',
  plugins: [
    vue(),
    // Element Plus components and their styles are imported where used, so
    // the sign-in page does not carry the whole library.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: 'src/auto-imports.d.ts' }),
    Components({ resolvers: [ElementPlusResolver()], dts: 'src/components.d.ts' }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // The preload list of a lazy page comes out of the bundler in an order
    // that varies from build to build; sorted, the bundle is the same on
    // every rebuild (CI compares it with the committed one).
    modulePreload: {
      resolveDependencies: (_filename, deps) => [...deps].sort(),
    },
  },
  server: {
    port: Number(process.env.PORT ?? 5173),
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
    },
  },
})
