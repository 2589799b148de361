// What both ways of drawing a PNG in headless Chromium share (render.ts's one Chromium per figure,
// chromium-worker.ts's one per process): the command-line flags and the page, which loads Plotly and
// defines draw(spec, width, height), a promise of the figure's PNG as a data URL.

/** Headless flags without networking, GPU or first-run work; the profile lives in `profileDir`. */
export function chromiumFlags(profileDir: string): string[] {
  return [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profileDir}`,
  ];
}

/** The page's HTML; `script` runs after draw() is defined. */
export function figurePage(script = ""): string {
  const plotly = require.resolve("plotly.js-dist-min/plotly.min.js");
  return `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<div id="g"></div>
<script src="file://${plotly}"></script>
<script>
window.draw = (spec, width, height) => {
  const g = document.getElementById("g");
  g.style.width = width + "px"; g.style.height = height + "px";
  return Plotly.newPlot(g, spec.data, spec.layout, { staticPlot: true })
    .then((gd) => Plotly.toImage(gd, { format: "png", width, height }))
    .finally(() => Plotly.purge(g));
};
${script}
</script></body></html>`;
}
