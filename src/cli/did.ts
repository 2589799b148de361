// `stii did` (SPEC section 13): read the named columns of a panel (CSV or XLSX, the file's own names), run
// did(), print the JSON (or a short table with the event-time uniform band). No method of its own.
// `--treatment COL` (a 0/1 dummy that switches on and stays on) may stand in for `--group COL`.
import { InputError } from "../errors";
import { DID_LEARNERS, did, type ControlGroup, type DidLearnerName } from "../did";
import { readDidColumns } from "../did/read";
import { intOpt, listOpt, oneOf, parseArgs, requireOpt } from "./args";

const VALUED = ["data", "y", "id", "time", "group", "treatment", "x", "control", "anticipation", "learner", "folds", "fold-column", "seed"];
const FLAGS = ["json"];

export const command = {
  summary: "staggered-adoption DiD with DML nuisances (ATT(g,t), event-time, group, time, overall)",
  async run(argv: string[]): Promise<void> {
    const args = parseArgs(argv, VALUED, FLAGS);
    const o = args.opts;
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const x = listOpt(o.x ?? "");
    const opts = {
      y: requireOpt(args, "y"),
      id: requireOpt(args, "id"),
      time: requireOpt(args, "time"),
      group: o.group,
      treatment: o.treatment,
      x,
      control: oneOf<ControlGroup>("control", o.control, ["never", "notyet"], "never"),
      anticipation: intOpt(args, "anticipation", 0, 0),
      learner: oneOf<DidLearnerName>("learner", o.learner, DID_LEARNERS, "rf"),
      folds: intOpt(args, "folds", 5, 2),
      foldColumn: o["fold-column"],
      seed: intOpt(args, "seed", 1),
    };
    if ((o.group === undefined) === (o.treatment === undefined)) throw new InputError("give exactly one of --group COL (first treated period, 0 = never) and --treatment COL (a 0/1 column)");
    const file = requireOpt(args, "data");
    const numeric = [(o.group ?? o.treatment)!, opts.y, ...x, ...(opts.foldColumn ? [opts.foldColumn] : [])];
    const { columns, rowLabel } = await readDidColumns(file, { id: opts.id, time: opts.time, numeric });
    const res = await did({ data: columns, rowLabel, ...opts });
    if (o.json === "true") {
      process.stdout.write(JSON.stringify(res.toJSON()) + "\n");
      return;
    }
    const f = (v: number) => v.toFixed(4).padStart(9);
    const out = [`DiD (${res.learner}), ${res.n} units, ${res.periods.length} periods, control ${res.control}, anticipation ${res.anticipation}, K = ${res.folds}`];
    out.push(`overall (group-size weighted group effects): ${f(res.overall.theta)} (se ${res.overall.se.toFixed(4)})`);
    out.push(`event time         coef        se   ${Math.round(100 * 0.95)}% uniform band (crit ${res.band.crit.toFixed(3)}, ${res.band.draws} draws)`);
    res.eventstudy.forEach((a, j) => out.push(`  e = ${String(a.key).padStart(4)}  ${f(a.theta)} ${f(a.se)}   [${res.band.lo[j].toFixed(4)}, ${res.band.hi[j].toFixed(4)}]`));
    for (const a of res.group) out.push(`  group ${a.key}  ${f(a.theta)} ${f(a.se)}`);
    for (const a of res.time) out.push(`  time ${a.key}   ${f(a.theta)} ${f(a.se)}`);
    process.stdout.write(out.join("\n") + "\n");
  },
};
