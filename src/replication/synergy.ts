// Table 6: policy synergy. The sample keeps cities in exactly one of two pilots (big data zone and the
// other pilot) or in both; the treatment is 1 in the years both are in force. The paper's footnote (and
// SPEC section 5): for Diggre, cities also in the smart-city pilot are dropped from the both-pilots
// group, so that the overlapping low-carbon and smart-city pilots do not contaminate each other. The
// footnote ends with 下同 ("likewise below"); read as a rule for Digine too, cities also in the low-carbon
// pilot are dropped from Digine's both-pilots group. SPEC fixes the first reading; the second is an option.
import type { ColumnTable } from "arquero";
import { numericColumn } from "../numeric/columns";
import { InputError } from "../errors";
import { loadPaperResults, type Label, type PaperRegressionTable } from "../tables";
import { assembleTable, runColumns, type ColumnSpec, type StudyData, type TableOptions, type TableRun, withStudySeed } from "./baseline";

export interface SynergyPair {
  /** Treatment name: Diggre or Digine. */
  name: string;
  /** The pilot paired with Bigdata. */
  other: string;
  /** Cities of this pilot are dropped from the both-pilots group (null: keep them). */
  exclude: string | null;
}

/**
 * How far the footnote's drop reaches: "spec" (SPEC 5: Diggre's both group only) or "xiatong" (下同: Digine's
 * both group also loses the cities of the low-carbon pilot).
 */
export type SynergyReading = "spec" | "xiatong";
export const SYNERGY_READINGS: readonly SynergyReading[] = ["spec", "xiatong"];

/** The two synergy treatments under a reading of the footnote. */
export function synergyPairs(reading: SynergyReading = "spec"): SynergyPair[] {
  if (!SYNERGY_READINGS.includes(reading)) throw new InputError(`synergy reading ${JSON.stringify(reading)}: expected "spec" or "xiatong"`);
  return [
    { name: "Diggre", other: "LowCarbon", exclude: "SmartCity" },
    { name: "Digine", other: "SmartCity", exclude: reading === "xiatong" ? "LowCarbon" : null },
  ];
}

export const SYNERGY_PAIRS: readonly SynergyPair[] = synergyPairs("spec");

export interface SynergySample {
  pair: SynergyPair;
  /** city_code of every kept city. */
  cities: Set<string>;
  onlyBigdata: number;
  onlyOther: number;
  both: number;
  /** Both-pilot cities dropped because they are also in `exclude`. */
  bothDropped: number;
  /** City-years kept. */
  rows: number;
}

/** city_code of every city with the 0/1 column `c` equal to 1 in some year. */
function everIn(table: ColumnTable, c: string): Set<string> {
  const city = table.array("city_code");
  const v = numericColumn(table, c, (i) => `city_code=${city[i]}, row ${i + 1}`), set = new Set<string>();
  v.forEach((x, i) => { if (x === 1) set.add(String(city[i])); });
  return set;
}

/** Which cities a synergy regression keeps; "in a pilot" means designated in any year of the panel. */
export function synergySample(table: ColumnTable, pair: SynergyPair): SynergySample {
  const cols = ["city_code", "Bigdata", pair.other, ...(pair.exclude ? [pair.exclude] : [])];
  for (const c of cols) if (!table.columnNames().includes(c)) throw new InputError(`column ${c} not found (synergy sample for ${pair.name})`);
  const city = table.array("city_code");
  const ever = (c: string) => everIn(table, c);
  const big = ever("Bigdata"), oth = ever(pair.other), exc = pair.exclude ? ever(pair.exclude) : new Set<string>();
  const out: SynergySample = { pair, cities: new Set(), onlyBigdata: 0, onlyOther: 0, both: 0, bothDropped: 0, rows: 0 };
  for (const c of new Set(Array.from(city, String))) {
    const b = big.has(c), o = oth.has(c);
    if (b && o) {
      if (exc.has(c)) { out.bothDropped++; continue; }
      out.both++;
    } else if (b) out.onlyBigdata++;
    else if (o) out.onlyOther++;
    else continue;
    out.cities.add(c);
  }
  for (let i = 0; i < city.length; i++) if (out.cities.has(String(city[i]))) out.rows++;
  return out;
}

/**
 * Cities whose Table 6 group a fuller smart-city list could change (SmartCity batch 3, the 2014 list, is
 * incomplete in data/policies.json): `outside` are in neither Bigdata nor SmartCity (each one listed joins
 * Digine's sample as only-SmartCity, +1 city under either reading); `bigdata` are in Bigdata but no
 * SmartCity batch (each one listed moves from only-Bigdata to both, no change in N under SPEC's reading);
 * `bigdataLowCarbon`, the part of those also in LowCarbon (each one listed leaves Digine's sample under
 * 下同 and Diggre's both group under either reading, -1 city).
 */
export function smartCityHeadroom(table: ColumnTable): { outside: number; bigdata: number; bigdataLowCarbon: number } {
  for (const c of ["city_code", "Bigdata", "SmartCity", "LowCarbon"]) if (!table.columnNames().includes(c)) throw new InputError(`column ${c} not found (smart-city headroom)`);
  const city = table.array("city_code");
  const big = everIn(table, "Bigdata"), smart = everIn(table, "SmartCity"), low = everIn(table, "LowCarbon");
  const out = { outside: 0, bigdata: 0, bigdataLowCarbon: 0 };
  for (const c of new Set(Array.from(city, String))) {
    if (smart.has(c)) continue;
    if (!big.has(c)) out.outside++;
    else { out.bigdata++; if (low.has(c)) out.bigdataLowCarbon++; }
  }
  return out;
}

/** The panel with the synergy treatments: 1 where Bigdata and the other pilot are both in force. */
export function withSynergyTreatments(table: ColumnTable, pairs: readonly SynergyPair[] = SYNERGY_PAIRS): ColumnTable {
  const label = (i: number) => `row ${i + 1}`;
  const d = numericColumn(table, "Bigdata", label);
  const add: Record<string, number[]> = {};
  for (const p of pairs) {
    if (!table.columnNames().includes(p.other)) throw new InputError(`column ${p.other} not found (synergy treatment ${p.name})`);
    const o = numericColumn(table, p.other, label);
    add[p.name] = Array.from(d, (v, i) => (v === 1 && o[i] === 1 ? 1 : 0));
  }
  return table.assign(add);
}

const F = (squared: boolean, year_fe: boolean) => ({ linear: true, squared, year_fe, city_fe: true });

/** Columns (1)-(3) for Diggre, (4)-(6) for Digine, with the paper's Yes/No pattern. */
export function table6Columns(samples: readonly SynergySample[]): ColumnSpec[] {
  return samples.flatMap((s, j) => {
    const keep = s.cities;
    const subset = (row: Record<string, unknown>) => keep.has(String(row.city_code));
    return ([[false, true], [true, false], [true, true]] as const).map(([squared, year], k): ColumnSpec => ({
      label: `(${3 * j + k + 1})`, d: s.pair.name, quadratic: squared, fe: year ? ["year", "city"] : ["city"], subset, flags: F(squared, year),
    }));
  });
}

export interface SynergyRun extends TableRun {
  samples: SynergySample[];
}

export async function table6(study: StudyData, opts: TableOptions & { paper?: PaperRegressionTable | null; pairs?: readonly SynergyPair[]; reading?: SynergyReading } = {}): Promise<SynergyRun> {
  const pairs = opts.pairs ?? synergyPairs(opts.reading);
  const samples = pairs.map((p) => synergySample(study.table, p));
  const cols = table6Columns(samples);
  const { results, seconds } = await runColumns(withSynergyTreatments(study.table, pairs), cols, withStudySeed(study, opts));
  const truth = study.truth;
  const labels: Record<string, Label> = { truth: { en: "Truth: ATT where both pilots in force (simulated)", zh: "真值:两试点同时实施处的处理效应(模拟)" } };
  const table = assembleTable({
    caption: "Table 6 Policy synergy / 表6 政策协同回归结果", depvar: "FI", cols, results, paper: opts.paper === undefined ? loadPaperResults().table6 : opts.paper ?? undefined, se: opts.se, labels,
    truth: truth ? (term) => truth.synergy[term]?.att : undefined,
  });
  return { results, seconds, table, samples };
}
