// A paper table as LaTeX with booktabs rules (\toprule, \midrule, \cmidrule, \bottomrule).
import type { PaperTable } from "./paper-table";

export function escapeLatex(s: string): string {
  const named: Record<string, string> = { "\\": "textbackslash", "~": "textasciitilde", "^": "textasciicircum", "<": "textless", ">": "textgreater" };
  // < and > need names: in LaTeX's default font encoding they print as inverted ! and ?.
  return s.replace(/[\\&%$#_{}~^<>]/g, (c) => (named[c] ? `\\${named[c]}{}` : `\\${c}`));
}

export function toLaTeX(t: PaperTable): string {
  const k = t.header[t.header.length - 1].length;
  const row = (cells: string[]) => cells.join(" & ") + " \\\\";
  const lines = ["\\begin{table}[htbp]", "\\centering"];
  if (t.caption) lines.push(`\\caption{${escapeLatex(t.caption)}}`);
  lines.push(`\\begin{tabular}{l${"c".repeat(k)}}`, "\\toprule");
  for (const hr of t.header) {
    let col = 2;
    const cmid: string[] = [];
    const cells = hr.map((c) => {
      const from = col;
      col += c.span;
      if (c.span > 1 && c.text) cmid.push(`\\cmidrule(lr){${from}-${col - 1}}`);
      return c.span > 1 ? `\\multicolumn{${c.span}}{c}{${escapeLatex(c.text)}}` : escapeLatex(c.text);
    });
    lines.push(row(["", ...cells]));
    if (cmid.length) lines.push(cmid.join(" "));
  }
  t.sections.forEach((section) => {
    lines.push("\\midrule");
    for (const r of section) lines.push(row([r.label, ...r.cells].map(escapeLatex)));
  });
  lines.push("\\bottomrule", "\\end{tabular}");
  lines.push(`\\par\\smallskip{\\footnotesize ${escapeLatex(t.note)}}`, "\\end{table}");
  return lines.join("\n") + "\n";
}
