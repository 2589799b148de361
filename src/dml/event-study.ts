// Dynamic effects (SPEC 10.3): for treated cities, event time k = year - designation year; dummies
// for k <= -4 (binned), -3, -2, 0, 1, ..., 5, k >= 6 (binned), with k = -1 the left-out reference;
// never-treated cities are 0 in every dummy. All dummies enter one multiple-treatment PLR with the
// given controls. Event times absent from the data are left out (and listed as such).
import { InputError } from "../errors";
import { designationYears } from "./designation";
import { dml, type DmlOptions, type DmlResult } from "./index";

export interface EventTerm {
  /** Label ("k<=-4", "k=-3", ..., "k>=6") and the representative event time (-4 ... 6). */
  label: string;
  k: number;
  coef: number;
  se: number;
  ci: [number, number];
}

export const EVENT_BINS: { label: string; k: number; has: (k: number) => boolean }[] = [
  { label: "k<=-4", k: -4, has: (k) => k <= -4 },
  ...[-3, -2, 0, 1, 2, 3, 4, 5].map((e) => ({ label: `k=${e}`, k: e, has: (k: number) => k === e })),
  { label: "k>=6", k: 6, has: (k) => k >= 6 },
];

export async function eventStudy(opts: Omit<DmlOptions, "d"> & { treatment: string }): Promise<{ terms: EventTerm[]; omitted: string[]; result: DmlResult }> {
  const first = designationYears(opts.data, opts.treatment);
  const city = opts.data.array("city_code"), year = opts.data.array("year");
  const k = Array.from({ length: city.length }, (_, i) => Number(year[i]) - first.get(String(city[i]))!);
  const columns: Record<string, number[]> = {};
  const omitted: string[] = [];
  for (const b of EVENT_BINS) {
    const v = k.map((e) => (Number.isFinite(e) && b.has(e) ? 1 : 0));
    if (v.some((x) => x === 1)) columns[b.label] = v;
    else omitted.push(b.label);
  }
  const names = Object.keys(columns);
  if (names.length === 0) throw new InputError(`event study: no city is ever treated in ${opts.treatment}`);
  const { treatment: _t, ...rest } = opts;
  const result = await dml({ ...rest, data: opts.data.assign(columns), d: names });
  const terms = result.terms.map((t) => {
    const bin = EVENT_BINS.find((b) => b.label === t.name)!;
    return { label: t.name, k: bin.k, coef: t.coef, se: t.se, ci: t.ci };
  });
  return { terms, omitted, result };
}
