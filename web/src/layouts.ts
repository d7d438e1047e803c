// Pure layout helpers: the "grouped by kind" arrangement (fast enough for very large graphs) and
// the metric → node size scale.

export interface LayoutItem { id: string; kind: string; group?: string; size: number }

/**
 * Places each kind in its own block (a compact grid, sub-sorted by group and size), blocks side by
 * side in rows. Deterministic; O(n log n).
 */
export function groupedPositions(items: LayoutItem[], kindOrder: string[]): Map<string, { x: number; y: number }> {
  const byKind = new Map<string, LayoutItem[]>();
  for (const it of items) {
    let list = byKind.get(it.kind);
    if (!list) { list = []; byKind.set(it.kind, list); }
    list.push(it);
  }
  const kinds = [...byKind.keys()].sort((a, b) => rank(kindOrder, a) - rank(kindOrder, b) || (a < b ? -1 : 1));
  const out = new Map<string, { x: number; y: number }>();
  const gap = 140;
  const blocks = kinds.map((k) => {
    const list = byKind.get(k)!.sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || b.size - a.size || (a.id < b.id ? -1 : 1));
    const cell = Math.max(60, ...list.slice(0, 50).map((i) => i.size + 40));
    const cols = Math.max(1, Math.ceil(Math.sqrt(list.length * 1.6)));
    const rows = Math.ceil(list.length / cols);
    return { list, cell, cols, width: cols * cell, height: rows * cell };
  });
  // pack blocks into rows of roughly equal total width
  const totalArea = blocks.reduce((s, b) => s + b.width * b.height, 0);
  const rowWidth = Math.max(Math.sqrt(totalArea) * 1.6, ...blocks.map((b) => b.width));
  let x = 0, y = 0, rowHeight = 0;
  for (const b of blocks) {
    if (x > 0 && x + b.width > rowWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
    b.list.forEach((it, i) => {
      out.set(it.id, { x: x + (i % b.cols) * b.cell + b.cell / 2, y: y + Math.floor(i / b.cols) * b.cell + b.cell / 2 });
    });
    x += b.width + gap;
    rowHeight = Math.max(rowHeight, b.height);
  }
  return out;
}

function rank(order: string[], k: string): number {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
}

/** Node diameter for a metric value: area grows with the value, between min and max pixels. */
export function sizeScale(values: Map<string, number>, min = 22, max = 72): (id: string) => number {
  let hi = 0;
  for (const v of values.values()) if (Number.isFinite(v) && v > hi) hi = v;
  return (id) => {
    const v = values.get(id) ?? 0;
    if (!(hi > 0) || !Number.isFinite(v) || v <= 0) return min;
    return Math.round(min + (max - min) * Math.sqrt(v / hi));
  };
}
