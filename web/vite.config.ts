import { defineConfig } from 'vite';

const target = process.env.NETWERK_API ?? 'http://127.0.0.1:5180';

export default defineConfig({
  base: '/',
  build: {
    outDir: '../src/Netwerk.Web/wwwroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: { main: 'index.html', report: 'report.html', jaarverslag: 'jaarverslag.html', signin: 'signin.html', admin: 'admin.html', planner: 'planner.html', rsvp: 'rsvp.html' },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target },
      '/health': { target },
      '/openapi': { target },
      '/hubs': { target, ws: true },
      // the answer page is served by the API at /rsvp/<token> (the token is in the path)
      '^/rsvp/': { target },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
