// Paper-style tables: stars, number format, and a 2-column example written out by hand in every format.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { stars, fmt, paperTable, toCSV, toLaTeX, toHTML, toJSON, htmlTable, escapeHtml, type PaperTableSpec } from "../../src/tables";

test("stars at the boundaries: strict p < 0.01, 0.05, 0.1", () => {
  const cases: [number, string][] = [[0, "***"], [0.0099, "***"], [0.01, "**"], [0.0499, "**"], [0.05, "*"], [0.0999, "*"], [0.1, ""], [0.5, ""], [1, ""]];
  for (const [p, s] of cases) assert.equal(stars(p), s, `p = ${p}`);
  assert.throws(() => stars(NaN));
  assert.throws(() => stars(1.2));
});

test("numbers with 4 decimals like the paper; no negative zero; non-finite refused", () => {
  assert.equal(fmt(0.019), "0.0190");
  assert.equal(fmt(1.23456), "1.2346");
  assert.equal(fmt(-0.5), "-0.5000");
  assert.equal(fmt(-0.00004), "0.0000");
  assert.equal(fmt(3679, 0), "3679");
  assert.throws(() => fmt(NaN), /non-finite/);
});

const example: PaperTableSpec = {
  caption: "Baseline",
  depvar: "FI",
  language: "en",
  columns: [
    { estimates: { Bigdata: { coef: 0.019, se: 0.0023, p: 0.0001, n: 3679 } }, flags: { linear: true, year_fe: false } },
    { estimates: { Bigdata: { coef: -0.00004, se: 0.0122, p: 0.07, n: 1872 } }, flags: { linear: true, year_fe: true } },
  ],
};

test("CSV of the example, by hand", () => {
  assert.equal(toCSV(paperTable(example)), [
    ",FI,",
    ",(1),(2)",
    "Bigdata,0.0190***,0.0000*",
    ",(0.0023),(0.0122)",
    "Linear controls,Yes,Yes",
    "Year FE,No,Yes",
    "N,3679,1872",
    '"*** p<0.01, ** p<0.05, * p<0.1; robust SE in parentheses."',
    "",
  ].join("\n"));
});

test("LaTeX (booktabs) of the example, by hand", () => {
  assert.equal(toLaTeX(paperTable(example)), String.raw`\begin{table}[htbp]
\centering
\caption{Baseline}
\begin{tabular}{lcc}
\toprule
 & \multicolumn{2}{c}{FI} \\
\cmidrule(lr){2-3}
 & (1) & (2) \\
\midrule
Bigdata & 0.0190*** & 0.0000* \\
 & (0.0023) & (0.0122) \\
\midrule
Linear controls & Yes & Yes \\
Year FE & No & Yes \\
\midrule
N & 3679 & 1872 \\
\bottomrule
\end{tabular}
\par\smallskip{\footnotesize *** p\textless{}0.01, ** p\textless{}0.05, * p\textless{}0.1; robust SE in parentheses.}
\end{table}
`);
});

test("HTML of the example, by hand", () => {
  const base = "padding:2px 10px;text-align:center;white-space:nowrap;font-weight:normal";
  const stub = "padding:2px 10px;text-align:left;white-space:nowrap;font-weight:normal";
  const top = "border-top:1.5px solid #000", thin = "border-bottom:0.75px solid #000";
  const sep = "border-top:0.75px solid #000", bottom = "border-bottom:1.5px solid #000";
  const tr = (tag: string, cells: string[], border: string) =>
    `<tr>${cells.map((c, k) => `<${tag} style="${k ? base : stub}${border ? ";" + border : ""}">${c}</${tag}>`).join("")}</tr>`;
  const want = [
    '<div class="stii-table-wrap">',
    `<table class="stii-table" style="border-collapse:collapse;margin:0 auto;font-family:'Times New Roman',serif">`,
    '<caption style="caption-side:top;padding-bottom:4px">Baseline</caption>',
    "<thead>",
    `<tr><th style="${stub};${top}"></th><th colspan="2" style="${base};${top}">FI</th></tr>`,
    tr("th", ["", "(1)", "(2)"], thin),
    "</thead>",
    "<tbody>",
    tr("td", ["Bigdata", "0.0190***", "0.0000*"], ""),
    tr("td", ["", "(0.0023)", "(0.0122)"], ""),
    tr("td", ["Linear controls", "Yes", "Yes"], sep),
    tr("td", ["Year FE", "No", "Yes"], ""),
    tr("td", ["N", "3679", "1872"], bottom),
    "</tbody>",
    "</table>",
    '<p class="stii-note" style="text-align:center;font-size:90%;margin:4px 0">*** p&lt;0.01, ** p&lt;0.05, * p&lt;0.1; robust SE in parentheses.</p>',
    "</div>",
  ].join("\n");
  assert.equal(toHTML(paperTable(example)), want);
});

test("HTML escapes labels and captions", () => {
  const spec: PaperTableSpec = {
    caption: `R&D <"table">`,
    labels: { x: { en: "<script>alert('x')</script>" } },
    language: "en",
    columns: [{ estimates: { x: { coef: 1, se: 1, p: 0.5, n: 10 } } }],
  };
  const html = toHTML(paperTable(spec));
  assert.ok(!html.includes("<script>"));
  assert.ok(html.includes("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  assert.ok(html.includes("R&amp;D &lt;&quot;table&quot;&gt;"));
  assert.equal(escapeHtml(`a&b<c>"d"'e'`), "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;");
});

test("bilingual labels, per-column dependent variables, comparison rows", () => {
  const t = paperTable({
    columns: [
      { depvar: "Entre", estimates: { Bigdata: { coef: 0.25, se: 0.1, p: 0.012, n: 3679 } },
        paper: { Bigdata: { coef: 0.2662, se: 0.1187, stars: "**" } }, truth: { Bigdata: 0.3 } },
      { depvar: "Entre", estimates: { Bigdata: { coef: 0.2, se: 0.1, p: 0.04, n: 3679 } } },
      { depvar: "Talen", estimates: { Bigdata: { coef: 0.003, se: 0.0006, p: 0.00001, n: 3679 } }, flags: { controls: true } },
    ],
  });
  assert.deepEqual(t.header[0], [{ text: "Entre", span: 2 }, { text: "Talen", span: 1 }]);
  const rows = t.sections.flat();
  assert.deepEqual(rows.map((r) => r.label), [
    "Bigdata / 大数据试验区设立", "", "Paper / 论文", "Truth (simulated) / 真值(模拟)",
    "Linear and squared controls / 控制变量一次项、二次项", "N",
  ]);
  assert.deepEqual(rows[2].cells, ["0.2662** (0.1187)", "", ""]);
  assert.deepEqual(rows[3].cells, ["0.3000", "", ""]);
  assert.deepEqual(rows[4].cells, ["", "", "Yes"]);
  assert.equal(paperTable({ language: "zh", columns: [{ estimates: { Bigdata: { coef: 1, se: 1, p: 1, n: 1 } }, flags: { city_fe: false } }] })
    .sections[1][0].label, "城市固定效应");
});

test("a non-finite estimate is refused, naming term and column", () => {
  assert.throws(() => paperTable({ columns: [{ estimates: { Bigdata: { coef: NaN, se: 1, p: 1, n: 1 } } }] }), /term Bigdata, column \(1\)/);
});

test("JSON keeps the numbers and the stars", () => {
  const j = JSON.parse(toJSON(paperTable(example)));
  assert.equal(j.columns[0].terms.Bigdata.coef, 0.019);
  assert.equal(j.columns[0].terms.Bigdata.stars, "***");
  assert.equal(j.columns[1].n, 1872);
  assert.equal(j.columns[1].depvar, "FI");
  assert.deepEqual(j.columns[1].flags, { linear: true, year_fe: true });
});

test("htmlTable renders an arquero table: integers as is, decimals to 4 places, labels", () => {
  const html = htmlTable(aq.table({ region: ["east", "west"], FI: [0.28904, 0.1938], n: [1131, 1131] }), { labels: { FI: "Mean FI" } });
  assert.ok(html.includes(">Mean FI</th>"));
  assert.ok(html.includes(">0.2890</td>"));
  assert.ok(html.includes(">1131</td>"));
  assert.ok(html.includes(">east</td>"));
  assert.ok(!html.includes("stii-note"));
});
