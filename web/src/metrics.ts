// Per-node metrics that can drive node size: the client's own degree, and whatever numeric metrics
// GET /api/analysis/metrics returns once the analysis API exists (degree, betweenness, closeness,
// pagerank, coreNumber, …). The parser accepts the likely shapes: an array of { id|nodeId, …numbers },
// { nodes|items|metrics: [...] }, or a record id → { …numbers }.

export type Metrics = Map<string, Map<string, number>>;

export function parseMetrics(json: unknown): Metrics {
  const out: Metrics = new Map();
  const rows: [string, Record<string, unknown>][] = [];
  const fromArray = (a: unknown[]) => {
    for (const r of a) {
      if (r && typeof r === 'object') {
        const o = r as Record<string, unknown>;
        const id = o['id'] ?? o['nodeId'] ?? o['node'];
        if (typeof id === 'string') rows.push([id, (o['metrics'] && typeof o['metrics'] === 'object' ? o['metrics'] : o) as Record<string, unknown>]);
      }
    }
  };
  if (Array.isArray(json)) fromArray(json);
  else if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    const list = o['nodes'] ?? o['items'] ?? o['metrics'];
    if (Array.isArray(list)) fromArray(list);
    else {
      const rec = (list && typeof list === 'object' ? list : o) as Record<string, unknown>;
      for (const [id, v] of Object.entries(rec)) if (v && typeof v === 'object' && !Array.isArray(v)) rows.push([id, v as Record<string, unknown>]);
    }
  }
  for (const [id, values] of rows) {
    for (const [name, v] of Object.entries(values)) {
      if (name === 'id' || name === 'nodeId' || typeof v !== 'number' || !Number.isFinite(v)) continue;
      let m = out.get(name);
      if (!m) { m = new Map(); out.set(name, m); }
      m.set(id, v);
    }
  }
  return out;
}
