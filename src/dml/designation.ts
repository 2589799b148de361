// Designation years of a 0/1 policy column: for each city, the first year the policy is 1
// (Infinity if never). Shared by the placebo permutation and the event study.
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";

export function designationYears(table: ColumnTable, treatment: string): Map<string, number> {
  for (const c of ["city_code", "year", treatment]) {
    if (!table.columnNames().includes(c)) throw new InputError(`column ${c} not found (designation years of ${treatment})`);
  }
  const city = table.array("city_code"), year = table.array("year"), d = table.array(treatment);
  const first = new Map<string, number>();
  for (let i = 0; i < city.length; i++) {
    const c = String(city[i]);
    if (d[i] !== 0 && d[i] !== 1) throw new InputError(`column ${treatment}: needs 0/1, found ${String(d[i])} at city_code=${c}, year=${year[i]}`);
    if (!first.has(c)) first.set(c, Infinity);
    if (d[i] === 1) first.set(c, Math.min(first.get(c)!, Number(year[i])));
  }
  return first;
}
