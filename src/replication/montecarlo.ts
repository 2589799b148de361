// What the Monte Carlo on the calibrated design (notebook 09, results/montecarlo/study.json) says, as
// sentences for the notebooks that estimate on one panel (03, 04, 07, 08): every number is read from the
// committed study, none typed in. The study itself and the estimators are in src/montecarlo/.
import type { McStudy, McSummaryRow } from "../montecarlo";

export { readStudy, staggeredDid, type McStudy, type McSummaryRow } from "../montecarlo";

export type FindingFocus = "baseline" | "robustness" | "dynamics" | "method-check";

const f4 = (x: number) => x.toFixed(4);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const inBand = (r: McSummaryRow) => r.coverage >= r.band[0] && r.coverage <= r.band[1];

/** The summary row of an estimator's overall effect (did: "overall"). */
export function studyRow(study: McStudy, estimator: string): McSummaryRow {
  const term = estimator === "did" ? "overall" : "Bigdata";
  const r = study.summary.find((x) => x.estimator === estimator && x.term === term);
  if (!r) throw new Error(`the Monte Carlo study has no estimator ${estimator}`);
  return r;
}

function describe(r: McSummaryRow, name: string): string {
  return `${name}: bias ${f4(r.bias)} against the planted ATT (${(r.bias / r.sd).toFixed(1)} of its own sd), mean SE / sd ${r.seRatio.toFixed(2)}, `
    + `95% interval holding the ATT in ${pct(r.coverage)} of the panels (${inBand(r) ? "inside" : "outside"} the band of a correct interval)`;
}

/** Sentences (HTML-safe plain text) on what notebook 09 finds, with a lead fitting the notebook. */
export function studyFindings(study: McStudy, focus: FindingFocus): string[] {
  const paper = studyRow(study, "plr-paper"), dd = studyRow(study, "did"), tw = studyRow(study, "twfe");
  const R = study.settings.reps, [lo, hi] = paper.band;
  const out = [
    `Simulated Monte Carlo of notebook 09: ${R} panels drawn from the calibrated simulator, each with its own planted ATT (mean ${f4(paper.truth)}); a correct 95% interval would hold it in ${pct(lo)} to ${pct(hi)} of ${R} panels.`,
    `${describe(paper, "The paper's estimator (PLR, forest, controls and squares, year and city dummies)")}. `
      + `Of its bias, ${f4(paper.target! - paper.truth)} comes from what it targets (the effects weighted by its treatment residual, not the ATT) and ${f4(paper.biasTarget!)} from landing away from that target`
      + (Math.abs(paper.biasTarget!) > 2 * paper.sd / Math.sqrt(R)
        ? `: a systematic error of its partialling out. The naive TWFE, with the same controls and squares fitted by least squares, has bias ${f4(tw.bias)}. `
          + `Notebook 09 (section 5) traces the difference on the untreated outcome FI(0), whose true effect is zero: the designated cities are the more developed ones and their untreated FI grows faster; `
          + `the squared controls carry that growth (a city whose Gdp rises with the common trend has a Gdp² rising in proportion to its own level), which least squares removes and the forest, among hundreds of dummy columns, only partly.`
        : ", which is within the Monte Carlo error of zero."),
    `${describe(dd, "The staggered DiD (never-treated controls, doubly robust, forest nuisances, controls at the base year)")}.`,
    `${describe(tw, "The naive TWFE")}.`,
  ];
  if (focus === "robustness") {
    out.push("The robustness checks change the sample, the controls, the learner or the folds, but keep the baseline's comparison of designated with other cities' levels; that they agree with each other says nothing about this bias, which they share.");
  }
  if (focus === "dynamics") {
    const ev = study.summary.filter((r) => r.estimator === "did" && r.term.startsWith("e="));
    const pre = ev.filter((r) => Number(r.term.slice(2)) < 0);
    out.push(`The staggered DiD's event-time effects: their intervals hold the planted effect with a coverage inside the band of a correct interval at ${ev.filter(inBand).length} of ${ev.length} event times; `
      + `the largest mean pre-designation estimate is ${f4(Math.max(...pre.map((r) => Math.abs(r.meanEstimate))))} in absolute value (the planted effect there is 0).`);
  }
  if (focus === "method-check") {
    out.push(`The paper's forest PLR covers the ATT in ${pct(paper.coverage)} of the calibrated panels, against the coverage this notebook finds on its textbook design: what an estimator recovers depends on the design (adoption dates, selection of whole cities, heterogeneous effects), not on DML alone.`);
  }
  return out;
}
