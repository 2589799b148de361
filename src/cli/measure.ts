// `stii measure`: add Y1 Y2 C T FI (SPEC 4) to a panel and report the weights (SPEC 9, 10.4, 11). The
// panel is read generically (the file's own names; only the spec's indicator columns, id and time
// checked), so the index can be computed for any units; `--profile paper` applies the paper's schema.
import { helpText, oneOf, parseSpec, requireOpt, PANEL_OPTIONS, type OptionSpec } from "./args";
import { writeFileAtomic } from "../io/atomic";
import { InputError } from "../errors";
import { readPanel } from "../data/panel";
import { readTable } from "../data/table";
import { KEY_COLUMNS } from "../data/profile";
import { toCSV } from "../data/csv";
import { loadIndicatorSpec, measure, WEIGHT_SCHEMES, type WeightScheme } from "../measure";

const DERIVED = ["Y1", "Y2", "C", "T", "FI"] as const;

const OPTIONS: OptionSpec[] = [
  PANEL_OPTIONS.data,
  { name: "spec", value: "FILE", help: "indicator spec JSON: {\"indicators\":[{\"column\",\"system\":\"S\"|\"I\",\"direction\":1|-1}]} (default data/indicators.json)" },
  PANEL_OPTIONS.id,
  PANEL_OPTIONS.time,
  { name: "weights", value: "scatter|entropy|equal", help: "weighting scheme (default scatter)" },
  PANEL_OPTIONS.profile,
  { name: "out", value: "FILE", help: "write the panel with Y1 Y2 C T FI as CSV (written only if everything succeeded)" },
  { name: "json", help: "print {\"weights\":...,\"rows\":[...]} instead of CSV" },
];

export const command = {
  summary: "add Y1 Y2 C T FI (coupling coordination) to any panel: --data FILE [--spec FILE] [--id COL] [--time COL] [--out FILE] [--json] (--help lists the options)",
  async run(argv: string[]): Promise<void> {
    const args = parseSpec(argv, OPTIONS);
    const o = args.opts;
    if (o.help === "true") {
      process.stdout.write(helpText("stii measure --data FILE [--spec FILE] [options]", OPTIONS));
      return;
    }
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const scheme = oneOf<WeightScheme>("weights", o.weights, WEIGHT_SCHEMES, "scatter");
    const profile = o.profile === undefined ? undefined : oneOf("profile", o.profile, ["paper"] as const, "paper");
    const spec = loadIndicatorSpec(o.spec);
    const file = requireOpt(args, "data");
    const columns = spec.map((i) => i.column);
    // Both readers check the keys and the indicator cells and reject duplicate (id, time); measure() the rest.
    const { table } = profile === "paper"
      ? await readPanel(file, { require: [...KEY_COLUMNS, ...columns] })
      : await readTable(file, { columns, id: o.id, time: o.time, defaultKeys: { id: "city_code", time: "year" } });
    const m = measure(table, spec, { weights: scheme });
    const out = table.assign(Object.fromEntries(DERIVED.map((c) => [c, Array.from(m[c])])));
    const names = out.columnNames();
    const rows = out.objects() as Record<string, unknown>[];
    // The project's CSV writer: a missing value (NaN) becomes an empty cell, so the file reads back the same.
    const csv = () => toCSV(names, rows.map((r) => names.map((n) => r[n])));
    if (o.out) writeFileAtomic(o.out, csv());
    if (o.json) process.stdout.write(JSON.stringify({ weights: m.weights, rows }) + "\n");
    else if (!o.out) process.stdout.write(csv());
  },
};
