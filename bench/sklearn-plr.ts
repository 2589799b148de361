// The reference fit shared by the DML and budget benchmarks: one PLR of Table 3 column (6) (partialling out,
// 5 folds, random forests with max_features 1/3 and min_samples_leaf 5) cross-fitted with scikit-learn the
// way DoubleML does it, on the design stii builds, so both sides see the same 3679 x 304 matrix.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPanel, defaultPanelPath } from "../src/data";
import { buildDesign, type Design } from "../src/dml/design";
import { column } from "../src/numeric/matrix";

/** Debian's python3, where python3-sklearn installs (bench/setup.sh). */
export const PY = "/usr/bin/python3";
export const X_COLS = ["Gdp", "Pas", "Fin", "Env", "Ope"];

const SCRIPT = (reps: number) => `
import sys, time, numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import KFold
data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
y, d, X = data[:, 0], data[:, 1], data[:, 2:]
trees, jobs = int(sys.argv[2]), int(sys.argv[3])
best = 1e9
for rep in range(${reps}):
    t0 = time.perf_counter()
    l_hat, m_hat = np.zeros_like(y), np.zeros_like(d)
    for tr, te in KFold(5, shuffle=True, random_state=rep).split(X):
        for target, out in ((y, l_hat), (d, m_hat)):
            rf = RandomForestRegressor(n_estimators=trees, max_features=1/3, min_samples_leaf=5, n_jobs=jobs, random_state=rep)
            out[te] = rf.fit(X[tr], target[tr]).predict(X[te])
    v = d - m_hat
    theta = np.sum(v * (y - l_hat)) / np.sum(v * v)
    best = min(best, time.perf_counter() - t0)
print(best, theta)
`;

/** Table 3 column (6)'s design on the default panel: controls and squares, year and city dummies. */
export async function column6Design(): Promise<Design> {
  const { table } = await readPanel(defaultPanelPath());
  return buildDesign(table, { y: "FI", d: ["Bigdata"], x: X_COLS, quadratic: true, fe: ["year", "city"] });
}

/** Best-of-`reps` seconds and theta of scikit-learn's fit with `jobs` jobs (-1 = all cores), or the reason it did not run. */
export function sklearnPlr(design: Design, trees: number, jobs: number, reps: number): { seconds: number; theta: number } | { error: string } {
  if (!existsSync(PY)) return { error: `${PY} not found (bench/setup.sh installs python3-sklearn)` };
  const dir = mkdtempSync(join(tmpdir(), "stii-bench-plr-"));
  try {
    const p = design.X.ncol;
    const cols = [design.y, design.d[0], ...Array.from({ length: p }, (_, j) => column(design.X, j))];
    const lines = ["y,d," + Array.from({ length: p }, (_, j) => `x${j}`).join(",")];
    for (let i = 0; i < design.n; i++) lines.push(cols.map((c) => c[i]).join(","));
    const csv = join(dir, "design.csv");
    writeFileSync(csv, lines.join("\n") + "\n");
    writeFileSync(join(dir, "plr.py"), SCRIPT(reps));
    const [seconds, theta] = execFileSync(PY, [join(dir, "plr.py"), csv, String(trees), String(jobs)], { encoding: "utf8" }).trim().split(" ").map(Number);
    return { seconds, theta };
  } catch (e) {
    return { error: (e as Error).message.split("\n")[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
