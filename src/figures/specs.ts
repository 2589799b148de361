// Plotly figure specs built from plain data: the notebook-facing chart types of the replication.
// A spec is plain JSON ({ data, layout }), so it can be shown live (plotly MIME type), rendered to an
// image, or saved to results/ unchanged.

export interface Trace {
  type: "scatter" | "bar" | "contour";
  [key: string]: unknown;
}
export interface FigureSpec {
  data: Trace[];
  layout: Record<string, any>;
}

export interface Titles {
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

// A colour-blind-safe palette (Okabe-Ito), so series keep their colours in every figure.
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

function baseLayout(t: Titles): Record<string, any> {
  return {
    title: t.title ? { text: t.title } : undefined,
    xaxis: { title: t.xTitle ? { text: t.xTitle } : undefined, zeroline: false },
    yaxis: { title: t.yTitle ? { text: t.yTitle } : undefined, zeroline: false },
    margin: { l: 70, r: 30, t: t.title ? 60 : 30, b: 60 },
    template: undefined,
    font: { family: "Arial, sans-serif", size: 13 },
    plot_bgcolor: "#ffffff",
    paper_bgcolor: "#ffffff",
  };
}

/** Drop undefined fields so specs serialise identically whatever options were left out. */
function clean<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

function checkLengths(what: string, expected: number, got: number): void {
  if (got !== expected) throw new Error(`${what}: ${got} values for ${expected} x positions`);
}

const line = (x0: number | string, x1: number | string, y0: number | string, y1: number | string, color: string, dash: string, xref = "x", yref = "y") =>
  ({ type: "line", xref, yref, x0, x1, y0, y1, line: { color, width: 1.5, dash } });

/** Several series over a common x (Figure 1: national and the four regions by year). */
export function lineChart(opts: Titles & { x: (number | string)[]; series: { name: string; y: number[] }[] }): FigureSpec {
  const data: Trace[] = opts.series.map((s, i) => {
    checkLengths(`lineChart series "${s.name}"`, opts.x.length, s.y.length);
    return { type: "scatter", mode: "lines+markers", name: s.name, x: opts.x, y: s.y, line: { color: PALETTE[i % PALETTE.length], width: 2 }, marker: { size: 5 } };
  });
  const layout = baseLayout(opts);
  if (opts.x.every((v) => Number.isInteger(v))) layout.xaxis.tickformat = "d"; // years without "2,010.5"
  return clean({ data, layout });
}

/** Bars per category, one trace per series (e.g. the weight of each indicator). */
export function barChart(opts: Titles & { categories: string[]; series: { name: string; values: number[] }[]; horizontal?: boolean }): FigureSpec {
  const data: Trace[] = opts.series.map((s, i) => {
    checkLengths(`barChart series "${s.name}"`, opts.categories.length, s.values.length);
    const [x, y] = opts.horizontal ? [s.values, opts.categories] : [opts.categories, s.values];
    return { type: "bar", name: s.name, x, y, orientation: opts.horizontal ? "h" : "v", marker: { color: PALETTE[i % PALETTE.length] } };
  });
  const layout: Record<string, any> = { ...baseLayout(opts), barmode: "group", showlegend: opts.series.length > 1 };
  if (opts.horizontal) layout.yaxis.autorange = "reversed"; // first category on top, as read
  return clean({ data, layout });
}

export interface Estimate {
  label: string;
  coef: number;
  lo: number;
  hi: number;
}

/** Point and 95% interval per estimate (one row each), with reference lines for the baseline and the truth. */
export function coefPlot(opts: Titles & { estimates: Estimate[]; baseline?: number; truth?: number }): FigureSpec {
  const e = opts.estimates;
  const data: Trace[] = [{
    type: "scatter", mode: "markers", name: "estimate (95% CI)", x: e.map((r) => r.coef), y: e.map((r) => r.label),
    marker: { color: PALETTE[0], size: 8 },
    error_x: { type: "data", symmetric: false, array: e.map((r) => r.hi - r.coef), arrayminus: e.map((r) => r.coef - r.lo), color: PALETTE[0], thickness: 1.5, width: 4 },
  }];
  const shapes: unknown[] = [line(0, 0, 0, 1, "#999999", "dot", "x", "paper")];
  const annotations: unknown[] = [];
  // Each label sits on the side of its line away from the other line, so close lines keep readable labels.
  const truthRight = opts.truth === undefined || opts.baseline === undefined || opts.truth >= opts.baseline;
  if (opts.baseline !== undefined) {
    shapes.push(line(opts.baseline, opts.baseline, 0, 1, PALETTE[1], "dash", "x", "paper"));
    annotations.push({ x: opts.baseline, y: 1, xref: "x", yref: "paper", yanchor: "bottom", xanchor: truthRight ? "right" : "left", text: "baseline", showarrow: false, font: { color: PALETTE[1] } });
  }
  if (opts.truth !== undefined) {
    shapes.push(line(opts.truth, opts.truth, 0, 1, PALETTE[5], "solid", "x", "paper"));
    annotations.push({ x: opts.truth, y: 1, xref: "x", yref: "paper", yanchor: "bottom", xanchor: truthRight ? "left" : "right", text: "truth", showarrow: false, font: { color: PALETTE[5] } });
  }
  const layout: Record<string, any> = { ...baseLayout(opts), shapes, annotations, showlegend: false, height: Math.max(300, 90 + 32 * e.length) };
  layout.yaxis.autorange = "reversed";
  layout.yaxis.automargin = true;
  return clean({ data, layout });
}

/** Distribution of draws (e.g. placebo estimates) as pre-binned bars, with one value marked by a line. */
export function histogram(opts: Titles & { values: number[]; marked?: { value: number; label: string }; bins?: number }): FigureSpec {
  const v = opts.values.filter((x) => Number.isFinite(x));
  if (v.length === 0) throw new Error("histogram: no finite values");
  const bins = opts.bins ?? Math.max(5, Math.ceil(Math.sqrt(v.length)));
  let lo = Math.min(...v), hi = Math.max(...v);
  if (opts.marked) { lo = Math.min(lo, opts.marked.value); hi = Math.max(hi, opts.marked.value); }
  if (hi === lo) { lo -= 0.5; hi += 0.5; }
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of v) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
  const centers = counts.map((_, i) => lo + (i + 0.5) * width);
  const data: Trace[] = [{ type: "bar", name: "draws", x: centers, y: counts, width, marker: { color: PALETTE[4], line: { color: "#ffffff", width: 1 } } }];
  const layout: Record<string, any> = { ...baseLayout({ yTitle: "count", ...opts }), bargap: 0, showlegend: false };
  if (opts.marked) {
    layout.shapes = [line(opts.marked.value, opts.marked.value, 0, 1, PALETTE[5], "solid", "x", "paper")];
    layout.annotations = [{ x: opts.marked.value, y: 1, xref: "x", yref: "paper", yanchor: "bottom", text: opts.marked.label, showarrow: false, font: { color: PALETTE[5] } }];
  }
  return clean({ data, layout });
}

/**
 * Event-time coefficients with 95% intervals, a zero line and the omitted period (k = -1) marked; with
 * `truth`, the planted effect per event time as a second line (simulated data).
 */
export function eventStudy(opts: Titles & { points: { k: number; coef: number; lo: number; hi: number }[]; reference?: number; truth?: { k: number; value: number }[]; label?: string }): FigureSpec {
  const p = opts.points;
  const data: Trace[] = [{
    type: "scatter", mode: "lines+markers", name: opts.label ?? "effect (95% CI)", x: p.map((r) => r.k), y: p.map((r) => r.coef),
    line: { color: PALETTE[0], width: 1.5 }, marker: { color: PALETTE[0], size: 7 },
    error_y: { type: "data", symmetric: false, array: p.map((r) => r.hi - r.coef), arrayminus: p.map((r) => r.coef - r.lo), color: PALETTE[0], thickness: 1.5, width: 4 },
  }];
  if (opts.truth) {
    data.push({ type: "scatter", mode: "lines+markers", name: "planted effect (truth)", x: opts.truth.map((r) => r.k), y: opts.truth.map((r) => r.value),
      line: { color: PALETTE[5], width: 2, dash: "dash" }, marker: { color: PALETTE[5], size: 6, symbol: "diamond" } });
  }
  const ref = opts.reference ?? -1;
  const layout: Record<string, any> = { ...baseLayout({ xTitle: "years relative to designation", ...opts }), showlegend: opts.truth !== undefined,
    shapes: [line(0, 1, 0, 0, "#999999", "dot", "paper", "y"), line(ref + 0.5, ref + 0.5, 0, 1, PALETTE[1], "dash", "x", "paper")] };
  layout.xaxis.dtick = 1;
  return clean({ data, layout });
}

/**
 * Draws per group as a strip of points (group j at x = j, spread deterministically across [j - 0.3, j + 0.3]
 * in draw order), the group mean as a black bar, and a horizontal reference line (e.g. zero error).
 */
export function stripPlot(opts: Titles & { groups: { name: string; values: number[] }[]; reference?: { value: number; label: string } }): FigureSpec {
  const data: Trace[] = opts.groups.map((g, j) => ({
    type: "scatter", mode: "markers", name: g.name,
    x: g.values.map((_, i) => j - 0.3 + (0.6 * (i + 0.5)) / g.values.length), y: g.values,
    marker: { color: PALETTE[j % PALETTE.length], size: 4, opacity: 0.5 },
  }));
  data.push({
    type: "scatter", mode: "markers", name: "mean", x: opts.groups.map((_, j) => j),
    y: opts.groups.map((g) => g.values.reduce((s, v) => s + v, 0) / g.values.length),
    marker: { color: "#000000", size: 14, symbol: "line-ew-open", line: { width: 3 } },
  });
  const layout: Record<string, any> = { ...baseLayout(opts), showlegend: false };
  layout.xaxis = { ...layout.xaxis, tickvals: opts.groups.map((_, j) => j), ticktext: opts.groups.map((g) => g.name), range: [-0.6, opts.groups.length - 0.4], automargin: true };
  if (opts.reference) {
    const r = opts.reference;
    layout.shapes = [line(0, 1, r.value, r.value, PALETTE[5], "solid", "paper", "y")];
    layout.annotations = [{ x: 1, y: r.value, xref: "paper", yref: "y", xanchor: "right", yanchor: "bottom", text: r.label, showarrow: false, font: { color: PALETTE[5] } }];
  }
  return clean({ data, layout });
}

/** Coverage rates as bars, the nominal level as a line and the binomial band a correct interval stays in as a shaded strip. */
export function coverageChart(opts: Titles & { categories: string[]; series: { name: string; values: number[] }[]; nominal: number; band: [number, number] }): FigureSpec {
  const spec = barChart(opts);
  spec.layout.yaxis.range = [0, 1];
  spec.layout.xaxis.automargin = true;
  spec.layout.shapes = [
    { type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1, y0: opts.band[0], y1: opts.band[1], fillcolor: "rgba(0,158,115,0.18)", line: { width: 0 } },
    line(0, 1, opts.nominal, opts.nominal, PALETTE[5], "dash", "paper", "y"),
  ];
  return clean(spec);
}

/** z over an x-y grid (z[i][j] at y[i], x[j]), e.g. a sensitivity bound over (cf_d, cf_y); optional marked points. */
export function contour(opts: Titles & { x: number[]; y: number[]; z: number[][]; zTitle?: string; levels?: { start: number; end: number; size: number }; marked?: { x: number; y: number; label: string }[] }): FigureSpec {
  checkLengths("contour z rows", opts.y.length, opts.z.length);
  opts.z.forEach((row, i) => checkLengths(`contour z row ${i + 1}`, opts.x.length, row.length));
  const data: Trace[] = [{ type: "contour", x: opts.x, y: opts.y, z: opts.z, colorscale: "Viridis", contours: opts.levels ? { ...opts.levels, showlabels: true } : { showlabels: true }, colorbar: { title: { text: opts.zTitle ?? "" } } }];
  for (const m of opts.marked ?? []) {
    data.push({ type: "scatter", mode: "markers+text", x: [m.x], y: [m.y], text: [m.label], textposition: "top right", marker: { color: "#D55E00", size: 9, symbol: "diamond" }, showlegend: false });
  }
  return clean({ data, layout: baseLayout(opts) });
}
