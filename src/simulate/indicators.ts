// How each of the 22 raw indicators is drawn from the latent innovation of its system (S or I).
// Counts are log-normal (strongly right-skewed, as city counts are), shares are logistic in percent,
// indices are mildly skewed, the chain Herfindahl falls as industrial innovation rises.

export type IndicatorKind = "count" | "share" | "index" | "hhi";

export interface IndicatorLaw {
  column: string;
  system: "S" | "I";
  kind: IndicatorKind;
  /** Level, loading on the latent innovation, sd of the indicator's own noise. */
  level: number;
  load: number;
  noise: number;
}

const law = (column: string, system: "S" | "I", kind: IndicatorKind, level: number, load: number, noise: number): IndicatorLaw =>
  ({ column, system, kind, level, load, noise });

export const INDICATOR_LAWS: readonly IndicatorLaw[] = [
  law("S01_sci_firms", "S", "count", 6.0, 0.754, 0.739),
  law("S02_univ_teachers", "S", "count", 7.5, 0.638, 0.862),
  law("S03_rd_personnel", "S", "count", 9.0, 0.705, 0.739),
  law("S04_rd_expenditure", "S", "count", 12.0, 0.804, 0.739),
  law("S05_talent_inflow", "S", "index", 3.5, 0.504, 0.493),
  law("S06_incubators", "S", "count", 0.5, 0.754, 0.862),
  law("S07_gov_report_sci", "S", "share", -3.5, 0.588, 0.616),
  law("S08_scifin_search", "S", "index", 5.0, 0.588, 0.616),
  law("S09_ip_cases", "S", "count", 4.5, 0.838, 0.862),
  law("S10_papers", "S", "count", 7.0, 0.838, 0.739),
  law("S11_invention_patents", "S", "count", 6.0, 0.922, 0.739),
  law("S12_top_cited_patents", "S", "count", 2.0, 1.005, 0.862),
  law("S13_utility_design_patents", "S", "count", 8.0, 0.804, 0.739),
  law("I01_iur_coop_share", "I", "share", -3.5, 0.986, 0.616),
  law("I02_chain_hhi", "I", "hhi", -3.0, 1.108, 0.616),
  law("I03_coagglomeration", "I", "index", 0.8, 0.74, 0.37),
  law("I04_profit_rate", "I", "share", -3.5, 0.74, 0.739),
  law("I05_new_product_share", "I", "share", -3.5, 1.108, 0.616),
  law("I06_innovation_efficiency", "I", "index", -0.7, 0.863, 0.493),
  law("I07_ai_firms", "I", "count", 4.0, 1.355, 0.862),
  law("I08_sei_firms", "I", "count", 6.5, 1.182, 0.739),
  law("I09_market_potential", "I", "index", 3.0, 0.863, 0.37),
];

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** The indicator's value for latent innovation `latent` and its own standard-normal noise draw `eps`. */
export function drawIndicator(l: IndicatorLaw, latent: number, eps: number): number {
  const u = l.level + l.load * latent + l.noise * eps;
  switch (l.kind) {
    case "count":
    case "index": return Math.exp(u); // log-normal; indices have smaller loads, hence milder skew
    case "share": return 100 * logistic(u);
    case "hhi": return 0.5 * logistic(-u);
  }
}
