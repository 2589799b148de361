// `stii simulate [--seed S] [--out FILE]`: write the simulated panel CSV and its planted truth beside it.
import * as path from "node:path";
import { parseArgs, intOpt } from "./args";
import { writeAllAtomic } from "../io/atomic";
import { InputError } from "../errors";
import { tableToCSV } from "../data/csv";
import { simulate, truthPathFor, DEFAULT_SEED, DEFAULT_PANEL_FILE } from "../simulate";

export const command = {
  summary: "write the simulated, calibrated panel (CSV) and its planted truth (JSON beside it)",
  run(argv: string[]): void {
    const args = parseArgs(argv, ["seed", "out"]);
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const seed = intOpt(args, "seed", DEFAULT_SEED);
    if (Math.abs(seed) > 2 ** 31 - 1) throw new InputError(`option --seed must be a 32-bit integer, got "${args.opts.seed}"`);
    const out = args.opts.out ?? DEFAULT_PANEL_FILE;
    if (!out.toLowerCase().endsWith(".csv")) throw new InputError(`option --out must name a .csv file, got "${out}"`);
    const truthFile = truthPathFor(out);
    const sim = simulate({ seed });
    try {
      writeAllAtomic([
        { file: out, content: tableToCSV(sim.table) },
        { file: truthFile, content: JSON.stringify(sim.truth, null, 2) + "\n" },
      ]);
    } catch (e) {
      throw new InputError(`cannot write ${path.resolve(out)}: ${(e as Error).message.split("\n")[0]}`);
    }
    process.stdout.write(`simulated panel (seed ${seed}): ${sim.table.numRows()} rows -> ${out}; truth (ATT on FI ${sim.truth.att.FI.toFixed(4)}) -> ${truthFile}\n`);
  },
};
