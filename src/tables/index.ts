// Paper-style tables: line up estimates like esttab / etable and render them as HTML, CSV, LaTeX, JSON.
export { stars, fmt, termCells, type Estimate } from "./estimate";
export { DEFAULT_LABELS, labelText, type Label, type Language } from "./labels";
export { paperTable, DEFAULT_NOTE, type PaperTable, type PaperTableSpec, type TableColumn, type PaperValue, type HeaderCell, type BodyRow, type RowKind } from "./paper-table";
export { escapeHtml, renderHtml, type HtmlGrid, type HtmlCell } from "./html";
export { toHTML } from "./to-html";
export { toCSV } from "./to-csv";
export { toLaTeX, escapeLatex } from "./to-latex";
export { toJSON } from "./to-json";
export { htmlTable, type HtmlTableOptions } from "./html-table";
export { loadPaperResults, type PaperResults, type PaperColumn, type PaperRegressionTable } from "./paper-results";
