// Times GET /api/reports/annual (and .docx) for the demo region Zuid-West-Vlaanderen 2023 on a started server:
//   cd web && npm run build && node bench/annual-report.mjs
// The first request includes the region's blind-spot analysis (cached afterwards); the rest are steady state.
import { startServer } from '../e2e/server.mjs';

const server = await startServer();
try {
  const query = 'region=region-zuid-west-vlaanderen&year=2023';
  for (const path of [`/api/reports/annual?${query}`, `/api/reports/annual.docx?${query}`]) {
    const times = [];
    for (let i = 0; i < 11; i++) {
      const start = performance.now();
      const res = await server.api('GET', path);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      times.push(performance.now() - start);
    }
    const [first, ...rest] = times;
    rest.sort((a, b) => a - b);
    console.log(`${path.split('?')[0].padEnd(28)} first ${first.toFixed(0)} ms, then median ${rest[5].toFixed(1)} ms, max ${rest.at(-1).toFixed(1)} ms (10 requests)`);
  }
} finally {
  await server.stop();
}
