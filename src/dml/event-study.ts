// Dynamic effects (SPEC 10.3): for treated cities, event time k = year - designation year; dummies
// for k <= -4 (binned), -3, -2, 0, 1, ..., 5, k >= 6 (binned), with k = -1 the left-out reference;
// never-treated cities are 0 in every dummy. All dummies enter one multiple-treatment PLR with the
// given controls. Event times absent from the data are left out (and listed as such). A narrower or
// wider window [lo, hi] moves the binned ends (k <= lo, k >= hi); -1 stays the reference.
import { InputError } from "../errors";
import { designationYears } from "./designation";
import { dml, type DmlOptions, type DmlResult } from "./dml";

export interface EventTerm {
  /** Label ("k<=-4", "k=-3", ..., "k>=6") and the representative event time (-4 ... 6). */
  label: string;
  k: number;
  coef: number;
  se: number;
  ci: [number, number];
}

export interface EventBin { label: string; k: number; has: (k: number) => boolean }

/** The bins of an event-time window: k <= lo binned, lo+1 .. hi-1 single years except -1, k >= hi binned. */
export function eventBins(window: [number, number] = [-4, 6]): EventBin[] {
  const [lo, hi] = window;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo > -2 || hi < 0) {
    throw new InputError(`event-time window must be integers [lo, hi] with lo <= -2 and hi >= 0, got [${lo}, ${hi}]`);
  }
  const inner: EventBin[] = [];
  for (let e = lo + 1; e < hi; e++) if (e !== -1) inner.push({ label: `k=${e}`, k: e, has: (k) => k === e });
  return [{ label: `k<=${lo}`, k: lo, has: (k) => k <= lo }, ...inner, { label: `k>=${hi}`, k: hi, has: (k) => k >= hi }];
}

/** SPEC 10.3's bins: k <= -4, -3, -2, 0, ..., 5, k >= 6. */
export const EVENT_BINS: EventBin[] = eventBins();

export async function eventStudy(opts: Omit<DmlOptions, "d"> & { treatment: string; window?: [number, number] }): Promise<{ terms: EventTerm[]; omitted: string[]; result: DmlResult }> {
  const bins = opts.window ? eventBins(opts.window) : EVENT_BINS;
  const first = designationYears(opts.data, opts.treatment, opts.id, opts.time);
  const city = opts.data.array(opts.id ?? "city_code"), year = opts.data.array(opts.time ?? "year");
  const k = Array.from({ length: city.length }, (_, i) => Number(year[i]) - first.get(String(city[i]))!);
  const columns: Record<string, number[]> = {};
  const omitted: string[] = [];
  for (const b of bins) {
    const v = k.map((e) => (Number.isFinite(e) && b.has(e) ? 1 : 0));
    if (v.some((x) => x === 1)) columns[b.label] = v;
    else omitted.push(b.label);
  }
  const names = Object.keys(columns);
  if (![...first.values()].some((y) => y < Infinity)) throw new InputError(`event study: no city is ever treated in ${opts.treatment}`);
  const { treatment: _t, window: _w, ...rest } = opts;
  const result = await dml({ ...rest, data: opts.data.assign(columns), d: names });
  const terms = result.terms.map((t) => {
    const bin = bins.find((b) => b.label === t.name)!;
    return { label: t.name, k: bin.k, coef: t.coef, se: t.se, ci: t.ci };
  });
  return { terms, omitted, result };
}
