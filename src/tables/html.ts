// The one HTML look every stii table shares (paper tables and plain arquero tables): an academic table
// with a top rule, a rule under the header, rules between sections, a bottom rule, centred cells and a
// note line beneath. Styles are inline so the table looks the same in a notebook, a browser or a report.

import { escapeHtml } from "../escape";
export { escapeHtml };

export interface HtmlCell { text: string; span?: number }
export interface HtmlGrid {
  caption?: string;
  /** Header rows, each starting with the stub (row label) cell. */
  header: HtmlCell[][];
  /** Body sections, each a list of rows starting with the stub cell. */
  sections: string[][][];
  note?: string;
}

const RULE = "1.5px solid #000";
const THIN = "0.75px solid #000";

export function renderHtml(grid: HtmlGrid): string {
  const cell = (tag: "th" | "td", text: string, k: number, border: string, span = 1) => {
    const style = [`padding:2px 10px`, `text-align:${k === 0 ? "left" : "center"}`, `white-space:nowrap`, `font-weight:normal`];
    if (border) style.push(border);
    const colspan = span > 1 ? ` colspan="${span}"` : "";
    return `<${tag}${colspan} style="${style.join(";")}">${escapeHtml(text)}</${tag}>`;
  };
  const lines: string[] = [`<table class="stii-table" style="border-collapse:collapse;margin:0 auto;font-family:'Times New Roman',serif">`];
  if (grid.caption) lines.push(`<caption style="caption-side:top;padding-bottom:4px">${escapeHtml(grid.caption)}</caption>`);
  lines.push("<thead>");
  grid.header.forEach((row, r) => {
    const border = [r === 0 ? `border-top:${RULE}` : "", r === grid.header.length - 1 ? `border-bottom:${THIN}` : ""].filter(Boolean).join(";");
    lines.push(`<tr>${row.map((c, k) => cell("th", c.text, k, border, c.span)).join("")}</tr>`);
  });
  lines.push("</thead>", "<tbody>");
  grid.sections.forEach((section, s) => {
    section.forEach((row, r) => {
      const last = s === grid.sections.length - 1 && r === section.length - 1;
      const border = last ? `border-bottom:${RULE}` : s > 0 && r === 0 ? `border-top:${THIN}` : "";
      lines.push(`<tr>${row.map((text, k) => cell("td", text, k, border)).join("")}</tr>`);
    });
  });
  lines.push("</tbody>", "</table>");
  if (grid.note) lines.push(`<p class="stii-note" style="text-align:center;font-size:90%;margin:4px 0">${escapeHtml(grid.note)}</p>`);
  return `<div class="stii-table-wrap">\n${lines.join("\n")}\n</div>`;
}
