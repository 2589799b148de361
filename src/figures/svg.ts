// A plain SVG drawing of a figure spec, for machines without Chromium: lines, markers, error bars, bars,
// reference lines and (as coloured cells) contour grids. Not Plotly's look, but readable in any viewer.
import type { FigureSpec, Trace } from "./specs";
import { escapeHtml as esc } from "../escape";

type V = number | string;
const fmt = (v: number) => String(Math.round(v * 100) / 100);

/** An axis: numeric (linear) or categorical (strings placed at 0, 1, 2, ... in order of appearance). */
class Axis {
  private cats: string[] = [];
  private lo = Infinity;
  private hi = -Infinity;
  constructor(private readonly reversed: boolean) {}
  add(v: V): void {
    if (typeof v === "string") { if (!this.cats.includes(v)) this.cats.push(v); return; }
    if (Number.isFinite(v)) { this.lo = Math.min(this.lo, v); this.hi = Math.max(this.hi, v); }
  }
  private pos(v: V): number { return typeof v === "string" ? this.cats.indexOf(v) : v; }
  private range(): [number, number] {
    if (this.cats.length) return [-0.5, this.cats.length - 0.5];
    const pad = this.hi > this.lo ? (this.hi - this.lo) * 0.05 : 0.5;
    return [this.lo - pad, this.hi + pad];
  }
  /** Map a value to the pixel interval [a, b]. */
  px(v: V, a: number, b: number): number {
    const [lo, hi] = this.range();
    const t = (this.pos(v) - lo) / (hi - lo);
    return this.reversed ? b + (a - b) * t : a + (b - a) * t;
  }
  /** Pixel length of w data units along [a, b] (bar widths). */
  span(w: number, a: number, b: number): number {
    const [lo, hi] = this.range();
    return Math.abs(b - a) * w / (hi - lo);
  }
  ticks(): { v: V; label: string }[] {
    if (this.cats.length) return this.cats.map((c) => ({ v: c, label: c }));
    const [lo, hi] = this.range();
    const raw = (hi - lo) / 5;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
    const out: { v: V; label: string }[] = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push({ v: t, label: fmt(Number(t.toPrecision(10))) });
    return out;
  }
}

const arr = (v: unknown): V[] => (Array.isArray(v) ? (v as V[]) : []);

export function fallbackSvg(spec: FigureSpec, width = 700, height = 450): string {
  const L = spec.layout ?? {};
  const x = new Axis(L.xaxis?.autorange === "reversed");
  const y = new Axis(L.yaxis?.autorange !== "reversed"); // SVG y grows downwards: "not reversed" flips
  for (const t of spec.data) {
    const xs = arr(t.x), ys = arr(t.y);
    const ex = t.error_x as any, ey = t.error_y as any;
    xs.forEach((v, i) => { x.add(v); if (ex) { x.add((v as number) + ex.array[i]); x.add((v as number) - ex.arrayminus[i]); } });
    ys.forEach((v, i) => { y.add(v); if (ey) { y.add((v as number) + ey.array[i]); y.add((v as number) - ey.arrayminus[i]); } });
    if (t.type === "bar") (t.orientation === "h" ? x : y).add(0);
  }
  for (const s of (L.shapes ?? []) as any[]) { if (s.xref === "x") x.add(s.x0); if (s.yref === "y") y.add(s.y0); }
  const m = { l: 90, r: 20, t: 50, b: 50 };
  const X = (v: V) => x.px(v, m.l, width - m.r);
  const Y = (v: V) => y.px(v, m.t, height - m.b);
  const el: string[] = [];
  if (L.title?.text) el.push(`<text x="${width / 2}" y="28" text-anchor="middle" font-size="16">${esc(L.title.text)}</text>`);
  for (const t of x.ticks()) el.push(`<line x1="${X(t.v)}" x2="${X(t.v)}" y1="${m.t}" y2="${height - m.b}" stroke="#eee"/><text x="${X(t.v)}" y="${height - m.b + 16}" text-anchor="middle" font-size="11">${esc(t.label)}</text>`);
  for (const t of y.ticks()) el.push(`<line x1="${m.l}" x2="${width - m.r}" y1="${Y(t.v)}" y2="${Y(t.v)}" stroke="#eee"/><text x="${m.l - 6}" y="${Y(t.v) + 4}" text-anchor="end" font-size="11">${esc(t.label)}</text>`);
  if (L.xaxis?.title?.text) el.push(`<text x="${(m.l + width - m.r) / 2}" y="${height - 12}" text-anchor="middle" font-size="12">${esc(L.xaxis.title.text)}</text>`);
  if (L.yaxis?.title?.text) el.push(`<text x="14" y="${(m.t + height - m.b) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${(m.t + height - m.b) / 2})">${esc(L.yaxis.title.text)}</text>`);
  const spanX = (w: number) => x.span(w, m.l, width - m.r), spanY = (w: number) => y.span(w, m.t, height - m.b);
  spec.data.forEach((t) => el.push(...drawTrace(t, X, Y, spanX, spanY)));
  for (const s of (L.shapes ?? []) as any[]) {
    const px = (v: number, ref: string, a: number, b: number, f: (v: V) => number) => (ref === "paper" ? a + (b - a) * v : f(v));
    const x1 = px(s.x0, s.xref, m.l, width - m.r, X), x2 = px(s.x1, s.xref, m.l, width - m.r, X);
    const y1 = px(s.y0, s.yref, height - m.b, m.t, Y), y2 = px(s.y1, s.yref, height - m.b, m.t, Y);
    el.push(`<line class="shape" x1="${x1}" x2="${x2}" y1="${y1}" y2="${y2}" stroke="${s.line?.color ?? "#999"}" stroke-dasharray="${s.line?.dash === "solid" ? "" : "5,4"}"/>`);
  }
  const named = spec.data.filter((t) => typeof t.name === "string");
  if (named.length > 1) named.forEach((t, i) => el.push(`<text class="legend" x="${width - m.r - 4}" y="${m.t + 14 * (i + 1)}" text-anchor="end" font-size="11" fill="${color(t)}">${esc(String(t.name))}</text>`));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, sans-serif"><rect width="100%" height="100%" fill="#fff"/>${el.join("")}</svg>`;
}

const color = (t: Trace): string => ((t.line as any)?.color ?? (t.marker as any)?.color ?? "#0072B2");

function drawTrace(t: Trace, X: (v: V) => number, Y: (v: V) => number, spanX: (w: number) => number, spanY: (w: number) => number): string[] {
  const xs = arr(t.x), ys = arr(t.y), c = color(t), out: string[] = [];
  if (t.type === "bar") {
    const h = t.orientation === "h";
    const w = typeof t.width === "number" ? t.width : 0.8;
    xs.forEach((xv, i) => {
      const yv = ys[i];
      const [cat, val, C, Vf] = h ? [yv, xv as number, Y, X] : [xv, yv as number, X, Y];
      const half = (h ? spanY(w) : spanX(w)) / 2;
      const a = Vf(0), b = Vf(val), lo = Math.min(a, b), len = Math.abs(b - a), mid = C(cat);
      out.push(h ? `<rect class="bar" x="${lo}" y="${mid - half}" width="${len}" height="${2 * half}" fill="${c}"/>` : `<rect class="bar" x="${mid - half}" y="${lo}" width="${2 * half}" height="${len}" fill="${c}"/>`);
    });
  } else if (t.type === "contour") {
    const z = t.z as number[][], zs = z.flat(), zlo = Math.min(...zs), zhi = Math.max(...zs);
    const gx = arr(t.x) as number[], gy = arr(t.y) as number[];
    z.forEach((row, i) => row.forEach((v, j) => {
      const s = zhi > zlo ? (v - zlo) / (zhi - zlo) : 0.5;
      const cx = X(gx[j]), cy = Y(gy[i]), dx = Math.abs(X(gx[Math.min(j + 1, gx.length - 1)]) - X(gx[Math.max(j - 1, 0)])) / 2, dy = Math.abs(Y(gy[Math.min(i + 1, gy.length - 1)]) - Y(gy[Math.max(i - 1, 0)])) / 2;
      out.push(`<rect class="cell" x="${cx - dx / 2}" y="${cy - dy / 2}" width="${dx}" height="${dy}" fill="hsl(${260 - 200 * s},60%,${35 + 30 * s}%)"/>`);
    }));
  } else {
    const mode = String(t.mode ?? "lines+markers");
    const ex = t.error_x as any, ey = t.error_y as any;
    xs.forEach((xv, i) => {
      const yv = ys[i];
      if (ex) out.push(`<line class="errorbar" x1="${X((xv as number) - ex.arrayminus[i])}" x2="${X((xv as number) + ex.array[i])}" y1="${Y(yv)}" y2="${Y(yv)}" stroke="${c}"/>`);
      if (ey) out.push(`<line class="errorbar" x1="${X(xv)}" x2="${X(xv)}" y1="${Y((yv as number) - ey.arrayminus[i])}" y2="${Y((yv as number) + ey.array[i])}" stroke="${c}"/>`);
    });
    if (mode.includes("lines")) out.push(`<polyline class="line" fill="none" stroke="${c}" stroke-width="2" points="${xs.map((xv, i) => `${X(xv)},${Y(ys[i])}`).join(" ")}"/>`);
    if (mode.includes("markers")) xs.forEach((xv, i) => out.push(`<circle class="marker" cx="${X(xv)}" cy="${Y(ys[i])}" r="3.5" fill="${c}"/>`));
  }
  return out;
}
