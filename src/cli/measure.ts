// `stii measure`: add Y1 Y2 C T FI (SPEC 4) to a panel and report the weights (SPEC 9, 10.4).
import { parseArgs, requireOpt } from "./args";
import { writeFileAtomic } from "./output";
import { InputError } from "../errors";
import { readPanel } from "../data/panel";
import { KEY_COLUMNS } from "../data/schema";
import { toCSV } from "../data/csv";
import { loadIndicatorSpec, measure, WEIGHT_SCHEMES, type WeightScheme } from "../measure";

const DERIVED = ["Y1", "Y2", "C", "T", "FI"] as const;

export const command = {
  summary: "add Y1 Y2 C T FI (coupling coordination) to a panel: --data FILE [--spec FILE] [--out FILE] [--json] [--weights scatter|entropy|equal]",
  async run(argv: string[]): Promise<void> {
    const args = parseArgs(argv, ["data", "spec", "out", "weights"], ["json"]);
    const scheme = (args.opts.weights ?? "scatter") as WeightScheme;
    if (!WEIGHT_SCHEMES.includes(scheme)) throw new InputError(`option --weights must be one of ${WEIGHT_SCHEMES.join("|")}, got "${scheme}"`);
    const spec = loadIndicatorSpec(args.opts.spec);
    // readPanel validates keys, duplicate city-years and the cells of schema columns; measure() the rest.
    const { table } = await readPanel(requireOpt(args, "data"), { require: [...KEY_COLUMNS, ...spec.map((i) => i.column)] });
    const m = measure(table, spec, { weights: scheme });
    const out = table.assign(Object.fromEntries(DERIVED.map((c) => [c, Array.from(m[c])])));
    const names = out.columnNames();
    const rows = out.objects() as Record<string, unknown>[];
    // The project's CSV writer: a missing value (NaN) becomes an empty cell, so the file reads back the same.
    const csv = () => toCSV(names, rows.map((r) => names.map((n) => r[n])));
    if (args.opts.out) writeFileAtomic(args.opts.out, csv());
    if (args.opts.json) process.stdout.write(JSON.stringify({ weights: m.weights, rows }) + "\n");
    else if (!args.opts.out) process.stdout.write(csv());
  },
};
