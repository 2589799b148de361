// Placebo permutation test (SPEC 10.2): the cities' designation years (never = Infinity) are
// shuffled across cities, so the same number of cities is treated and each placebo city keeps the
// designation year drawn with it; the treatment is rebuilt as 1 from that year on and the model
// re-estimated. p = (1 + #{|placebo| >= |actual|}) / (R + 1). For PLR without a subset, the draws
// reuse the actual fit's l_hat: E[Y|X] does not involve the treatment, and the folds come from the
// seed and the rows, so refitting it would give the same numbers (DoubleML's external predictions).
import { InputError } from "../errors";
import { deriveSeed, makeRng, permutation } from "../numeric/rng";
import { designationYears } from "./designation";
import { dml, type DmlOptions } from "./dml";

export interface PlaceboOptions {
  draws: number;
  seed?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface PlaceboResult {
  treatment: string;
  actual: number;
  placebo: number[];
  p: number;
  treatedCities: number;
}

export async function placebo(opts: DmlOptions, { draws, seed = 1, onProgress }: PlaceboOptions): Promise<PlaceboResult> {
  if (typeof opts.d !== "string" && opts.d.length !== 1) throw new InputError("placebo takes one treatment");
  if (!Number.isInteger(draws) || draws < 1) throw new InputError(`placebo draws must be an integer >= 1, got ${draws}`);
  const treatment = typeof opts.d === "string" ? opts.d : opts.d[0];
  const first = designationYears(opts.data, treatment, opts.id, opts.time);
  const cities = [...first.keys()].sort();
  const years = cities.map((c) => first.get(c)!);
  const treatedCities = years.filter((y) => y < Infinity).length;
  if (treatedCities === 0) throw new InputError(`placebo: no city is ever treated in ${treatment}`);
  const quiet = () => {};
  const actualFit = await dml({ ...opts, onProgress: quiet });
  const actual = actualFit.terms[0].coef;
  // A subset could name the treatment and so change the rows from draw to draw.
  const reuseL = (opts.model ?? "plr") === "plr" && opts.subset === undefined && opts.externalPredictions === undefined;
  const externalPredictions = reuseL ? { [treatment]: { l_hat: actualFit.predictions.map((rep) => rep[0].preds.l_hat) } } : opts.externalPredictions;
  const city = opts.data.array(opts.id ?? "city_code"), year = opts.data.array(opts.time ?? "year");
  const placeboCoefs: number[] = [];
  for (let r = 0; r < draws; r++) {
    const perm = permutation(cities.length, makeRng(deriveSeed(seed, r)));
    const assigned = new Map(cities.map((c, k) => [c, years[perm[k]]]));
    const d = Array.from({ length: city.length }, (_, i) => (Number(year[i]) >= assigned.get(String(city[i]))! ? 1 : 0));
    const res = await dml({ ...opts, data: opts.data.assign({ [treatment]: d }), externalPredictions, onProgress: quiet });
    placeboCoefs.push(res.terms[0].coef);
    onProgress?.(r + 1, draws, `placebo draw ${r + 1}/${draws}`);
  }
  const extreme = placeboCoefs.filter((b) => Math.abs(b) >= Math.abs(actual)).length;
  return { treatment, actual, placebo: placeboCoefs, p: (1 + extreme) / (draws + 1), treatedCities };
}
