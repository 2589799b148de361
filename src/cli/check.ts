// `stii check --data FILE`: check a panel against the paper profile (SPEC sections 2, 11) before
// `stii replicate --data FILE`. Every problem is reported at once in one line (missing key columns,
// non-numeric cells by row and column, duplicate city-years, unknown city codes, years outside
// 2010-2022, values a header transformation cannot take); a clean file gets a summary of what was
// read: renamed and transformed headers, columns kept as they are, absent schema columns, balance, gaps.
import { InputError } from "../errors";
import { readPanel, type LoadReport } from "../data/panel";
import { schemaColumns, DERIVED_COLUMNS } from "../data/profile";
import { helpText, parseSpec, requireOpt, PANEL_OPTIONS, type OptionSpec } from "./args";

const OPTIONS: OptionSpec[] = [
  PANEL_OPTIONS.data,
  { name: "sheet", value: "NAME", help: "the .xlsx sheet (default: the first)" },
  { name: "json", help: "print the load report as JSON" },
];

/** The summary lines of a clean file's load report. */
export function summaryLines(report: LoadReport, columns: readonly string[], cities: number): string[] {
  const v = report.validation;
  const lines = [`${report.file}: no problems for the paper profile: ${v.rows} rows, ${cities} cities`];
  for (const n of report.notes) lines.push(`note: ${n}`);
  if (report.headers.renamed.length) lines.push(`headers renamed: ${report.headers.renamed.map((r) => `'${r.from}' -> ${r.to}`).join(", ")}`);
  for (const t of report.transformations) lines.push(`column transformed: ${t}`);
  if (report.headers.unknown.length) lines.push(`not in the schema, kept as they are: ${report.headers.unknown.join(", ")}`);
  // Derived columns are optional: notebook 02 measures them from the raw indicators.
  const absent = schemaColumns().filter((c) => !columns.includes(c) && !(DERIVED_COLUMNS as readonly string[]).includes(c));
  if (absent.length) lines.push(`schema columns absent (the notebooks that use them will stop on them): ${absent.join(", ")}`);
  if (v.unbalanced.length) {
    const ex = v.unbalanced[0];
    lines.push(`unbalanced: ${v.unbalanced.length} cities lack some years (e.g. ${ex.city_code} lacks ${ex.missingYears.join(", ")})`);
  }
  const gaps = Object.entries(v.missingValues);
  if (gaps.length) lines.push(`empty cells (fits reject them; --interpolate fills gaps within a city): ${gaps.map(([c, n]) => `${c} ${n}`).join(", ")}`);
  return lines;
}

export const command = {
  summary: "check a panel against the paper profile (schema, roster, 2010-2022, yearbook headers): all problems at once",
  async run(argv: string[]): Promise<void> {
    const args = parseSpec(argv, OPTIONS);
    if (args.opts.help === "true") {
      process.stdout.write(helpText("stii check --data FILE [--sheet NAME] [--json]", OPTIONS));
      return;
    }
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const { table, report } = await readPanel(requireOpt(args, "data"), { sheet: args.opts.sheet });
    if (args.opts.json === "true") {
      process.stdout.write(JSON.stringify(report) + "\n");
      return;
    }
    const codes = table.columnNames().includes("city_code") ? new Set(Array.from(table.array("city_code") as ArrayLike<unknown>)).size : 0;
    process.stdout.write(summaryLines(report, table.columnNames(), codes).join("\n") + "\n");
  },
};
