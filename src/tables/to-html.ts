// A paper table as HTML, in the shared academic style of html.ts.
import { renderHtml, type HtmlCell } from "./html";
import type { PaperTable } from "./paper-table";

export function toHTML(t: PaperTable): string {
  const header: HtmlCell[][] = t.header.map((row) => [{ text: "" }, ...row]);
  return renderHtml({
    caption: t.caption,
    header,
    sections: t.sections.map((s) => s.map((r) => [r.label, ...r.cells])),
    note: t.note,
  });
}
