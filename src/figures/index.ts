// Figures: plotly specs from plain data, static rendering, and display in a notebook.
export { lineChart, barChart, coefPlot, histogram, eventStudy, stripPlot, coverageChart, contour, PALETTE } from "./specs";
export type { FigureSpec, Trace, Titles, Estimate } from "./specs";
export { renderStatic, findChromium, figureCacheDir, hasChinese, cjkFontPresent, withoutChinese } from "./render";
export type { StaticImage } from "./render";
export { fallbackSvg } from "./svg";
export { show, showHTML, progressBar } from "./show";
