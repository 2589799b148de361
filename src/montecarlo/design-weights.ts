// The de Chaisemartin-D'Haultfoeuille (2020) weights of the design itself: the residual of Bigdata on
// year and city effects (no controls), normalised over the treated cells. They depend on the calendar
// only, so they are the same in every simulated panel; a negative weight is a treated cell whose effect
// the two-way FE regression subtracts (late adopters' early years compared with early adopters' late ones).
import type { ColumnTable } from "arquero";
import { twfe } from "../dml/twfe";
import { treatedWeights } from "./targets";

export interface DesignWeights {
  /** Treated city-years, how many get a negative weight, and the sum of those weights. */
  cells: number;
  negative: number;
  negativeSum: number;
}

export function designWeights(table: ColumnTable, d = "Bigdata"): DesignWeights {
  const r = twfe({ data: table, y: "FI", d, x: [], fe: ["year"], panel: "within" });
  const w = treatedWeights(r.dResidual, table.array(d) as ArrayLike<number>);
  return { cells: w.cells, negative: w.negative, negativeSum: w.negativeSum };
}
