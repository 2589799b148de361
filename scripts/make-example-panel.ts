// Writes data/examples/firms.csv: a small generic panel (not the paper's) for `stii dml` and
// `stii measure` on data of your own: 20 firms with ids like "firm-07", years 1991-2005, a column named
// `capital` (capital stock, not the paper's 0/1 flag). Simulated with a planted effect: invest rises by
// exactly THETA = 0.5 when subsidy = 1. Adoption depends on the observed value and capital only, and the
// firm effect is independent of it, so PLR with controls value, capital recovers THETA.
// Run: npx tsx scripts/make-example-panel.ts (seeded: the same bytes every time).
import * as fs from "node:fs";
import * as path from "node:path";
import { toCSV } from "../src/data/csv";
import { makeRng } from "../src/numeric/rng";

const THETA = 0.5;
const SEED = 1935;
const rng = makeRng(SEED);
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const sectors = ["steel", "autos", "chemicals", "electrical"];
const rows: (string | number)[][] = [];
for (let f = 1; f <= 20; f++) {
  const firm = `firm-${String(f).padStart(2, "0")}`;
  const sector = sectors[(f - 1) % sectors.length];
  const alpha = rng.normal();
  for (let year = 1991; year <= 2005; year++) {
    const value = rng.normal() + 0.1 * (year - 1991);
    const capital = rng.normal();
    const subsidy = 0.8 * capital + 0.6 * value - 0.6 + rng.normal() > 0 ? 1 : 0;
    const invest = THETA * subsidy + value + 0.5 * capital + 0.3 * capital * capital + 0.7 * alpha + rng.normal();
    rows.push([firm, year, sector, round(invest), subsidy, round(value), round(capital)]);
  }
}
const out = path.join(__dirname, "..", "data", "examples", "firms.csv");
fs.writeFileSync(out, toCSV(["firm", "year", "sector", "invest", "subsidy", "value", "capital"], rows));
process.stdout.write(`${rows.length} rows -> ${out}\n`);
