// Horizontal bar charts in SVG, built with DOM APIs (labels are text nodes, never markup). Each chart is an image
// with a title for screen readers; the page puts the same figures in a table next to it.

const SVG = 'http://www.w3.org/2000/svg';

export interface BarSegment { value: number; className: string; label: string }
export interface BarRow { label: string; segments: BarSegment[] }

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A horizontal (stacked) bar per row, its total written after the bar. <paramref>describedBy</paramref> is the id of
 * the table with the same figures.
 */
export function barChart(title: string, rows: BarRow[], describedBy: string, legend: { className: string; label: string }[] = []): SVGSVGElement {
  const labelWidth = 300;
  const barWidth = 380;
  const rowHeight = 24;
  const top = legend.length ? 26 : 6;
  const width = labelWidth + barWidth + 60;
  const height = top + rows.length * rowHeight + 6;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-describedby': describedBy, class: 'bar-chart' });
  root.append(svg('title', {}, title));
  let lx = labelWidth;
  for (const item of legend) {
    root.append(svg('rect', { x: lx, y: 6, width: 12, height: 12, class: item.className }));
    const text = svg('text', { x: lx + 16, y: 16, class: 'chart-legend' }, item.label);
    root.append(text);
    lx += 24 + item.label.length * 7;
  }
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const label = row.label.length > 44 ? `${row.label.slice(0, 42)}…` : row.label;
    const text = svg('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', class: 'chart-label' }, label);
    text.append(svg('title', {}, row.label));
    root.append(text);
    let x = labelWidth;
    for (const segment of row.segments) {
      if (segment.value <= 0) continue;
      const w = (segment.value / max) * barWidth;
      const rect = svg('rect', { x, y: y + 4, width: Math.max(w, 1), height: rowHeight - 8, class: segment.className });
      rect.append(svg('title', {}, `${row.label}: ${segment.label} ${segment.value}`));
      root.append(rect);
      x += w;
    }
    const total = row.segments.reduce((s, x) => s + x.value, 0);
    root.append(svg('text', { x: x + 6, y: y + 16, class: 'chart-value' }, String(total)));
  });
  return root;
}
