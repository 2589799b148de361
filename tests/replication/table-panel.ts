// A small synthetic panel with every column the replication tables read (40 cities x 13 years by
// default), and a fake planted truth, for fast tests of the table functions with OLS learners.
import * as fs from "fs";
import * as path from "path";
import { table, type ColumnTable } from "arquero";
import { makeRng } from "../../src/numeric/rng";
import type { Truth } from "../../src/simulate/truth";

export const YEARS = 13;

export function tablePanel(cities = 40, seed = 11): ColumnTable {
  const lines = fs.readFileSync(path.join(__dirname, "../../data/cities.csv"), "utf8").trim().split("\n");
  const head = lines[0].split(",");
  const at = (l: string[], c: string) => l[head.indexOf(c)];
  const rng = makeRng(seed);
  const rows: Record<string, unknown>[] = [];
  lines.slice(1, cities + 1).map((l) => l.split(",")).forEach((l, c) => {
    const alpha = rng.normal();
    // Pilot calendars: start years (0 = never), chosen so every group of Table 6 occurs.
    const big = c % 3 === 0 ? 2016 : 0, low = c % 4 === 0 ? 2012 : c % 4 === 1 ? 2017 : 0, smart = c % 5 === 0 ? 2013 : 0;
    const split = (k: number) => ((c + k) % 2);
    for (let t = 0; t < YEARS; t++) {
      const year = 2010 + t;
      const on = (s: number) => (s > 0 && year >= s ? 1 : 0);
      const Gdp = 10 + 0.3 * alpha + rng.normal() * 0.5, Pas = 8 + rng.normal(), Fin = 3 + rng.normal(), Env = 3.7 + 0.4 * rng.normal(), Ope = 14 + 2 * rng.normal();
      const Bigdata = on(big);
      rows.push({
        city: at(l, "city"), city_code: Number(at(l, "city_code")), province: at(l, "province"), year,
        capital: c % 7 === 0 ? 1 : 0, sub_provincial: c % 11 === 0 ? 1 : 0, municipality: c === 3 ? 1 : 0, separately_listed: c === 5 ? 1 : 0,
        Bigdata, LowCarbon: on(low), SmartCity: on(smart), InnovCity: on(c % 6 === 0 ? 2014 : 0), SciFin: on(c % 8 === 0 ? 2012 : 0), Broadband: on(c % 9 === 0 ? 2015 : 0),
        Gdp, Pas, Fin, Env, Ope,
        Entre: 1 + 0.3 * Bigdata + rng.normal(), VCPE1: 1 + 0.2 * Bigdata + rng.normal(), VCPE2: 1.5 + 0.2 * Bigdata + rng.normal(), Talen: 0.02 + 0.003 * Bigdata + 0.005 * rng.normal(),
        Elec: split(0), Inte: split(1), Gove: Math.floor(c / 3) % 2, Publ: c % 5 < 2 ? 1 : 0,
        IV_relief: rng.normal() + 0.5 * Bigdata, IV_phone: rng.normal() + 0.3 * Bigdata,
        FI: 0.2 + 0.02 * Bigdata + 0.01 * (Gdp - 10) + 0.02 * alpha + 0.002 * t + 0.01 * rng.normal(),
      });
    }
  });
  return table(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])])));
}

/** A planted truth with recognisable numbers, in the shape of src/simulate/truth.ts. */
export const FAKE_TRUTH: Truth = {
  simulated: true, seed: 1, about: "test", n_treated: 0,
  att: { FI: 0.0123, Y1: 0, Y2: 0 },
  mechanisms: { Entre: 0.31, VCPE1: 0.21, VCPE2: 0.22, Talen: 0.0031 },
  heterogeneity: {
    Elec: { att_h1: 0.03, att_h0: 0.011, difference: 0.019 }, Inte: { att_h1: 0.03, att_h0: 0.012, difference: 0.018 },
    Gove: { att_h1: 0.03, att_h0: 0.013, difference: 0.017 }, Publ: { att_h1: 0.03, att_h0: 0.014, difference: 0.016 },
  },
  synergy: { Diggre: { att: 0.0271, n: 10, extra: 0.005 }, Digine: { att: 0.0282, n: 10, extra: 0.006 } },
  event_time: [],
};

/** The paper's results file, read directly (not through the code under test). */
export const PAPER = JSON.parse(fs.readFileSync(path.join(__dirname, "../../data/paper-results.json"), "utf8"));

/** The cells of the body row with the given kind and label prefix. */
export function rowCells(t: { sections: { kind: string; label: string; cells: string[] }[][] }, kind: string, label?: string): string[] {
  const row = t.sections.flat().find((r) => r.kind === kind && (label === undefined || r.label.startsWith(label)));
  if (!row) throw new Error(`no ${kind} row ${label ?? ""}`);
  return row.cells;
}
