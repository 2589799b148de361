// The notebooks' sentences on the Monte Carlo study carry the study's numbers, not typed-in ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { summarise, type McRecord, type McStudy } from "../../src/montecarlo";
import { studyFindings, studyRow } from "../../src/replication/montecarlo";

const rec = (estimator: string, term: string, rep: number, coef: number, se: number, target: number | null): McRecord =>
  ({ rep, seed: rep, estimator, term, coef, se, truth: 0.02, target, negWeights: null, nWeights: null });

test("studyFindings: bias, coverage and the bias split read from the study's summary", () => {
  const records: McRecord[] = [];
  for (let r = 0; r < 4; r++) {
    records.push(rec("plr-paper", "Bigdata", r, 0.03 + 0.001 * r, 0.001, 0.019));
    records.push(rec("did", "overall", r, 0.02 + 0.002 * (r - 1.5), 0.003, 0.02));
    records.push(rec("did", "e=-1", r, 0.001 * (r - 1.5), 0.002, null));
    records.push(rec("twfe", "Bigdata", r, 0.025, 0.002, 0.021));
  }
  const study = { summary: summarise(records), settings: { reps: 4 } } as unknown as McStudy;
  assert.equal(studyRow(study, "did").term, "overall");
  assert.throws(() => studyRow(study, "irm-atte"), /no estimator irm-atte/);
  const s = studyFindings(study, "dynamics").join("\n");
  // plr-paper: mean 0.0315, bias 0.0115, target 0.019 -> weighting -0.0010, from target 0.0125; coverage 0 of 4.
  assert.match(s, /bias 0\.0115 against the planted ATT/);
  assert.match(s, /-0\.0010 comes from what it targets/);
  assert.match(s, /0\.0125 from landing away from that target: a systematic error/);
  assert.match(s, /holding the ATT in 0\.0% of the panels \(outside the band/);
  // did: centred on the truth, every interval (se 0.003) holds it.
  assert.match(s, /bias 0\.0000 against the planted ATT .* 100\.0% of the panels \(inside the band/);
  assert.match(s, /largest mean pre-designation estimate is 0\.0000/);
});
