// Designation years of a 0/1 policy column: for each unit (city), the first period the policy is 1
// (Infinity if never). Shared by the placebo permutation and the event study; units and periods are
// the id and time columns (default city_code and year).
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";

export function designationYears(table: ColumnTable, treatment: string, id = "city_code", time = "year"): Map<string, number> {
  for (const c of [id, time, treatment]) {
    if (!table.columnNames().includes(c)) throw new InputError(`column ${c} not found (designation years of ${treatment})`);
  }
  const city = table.array(id), year = table.array(time), d = table.array(treatment);
  const first = new Map<string, number>();
  for (let i = 0; i < city.length; i++) {
    const c = String(city[i]);
    if (d[i] !== 0 && d[i] !== 1) throw new InputError(`column ${treatment}: needs 0/1, found ${String(d[i])} at ${id}=${c}, ${time}=${year[i]}`);
    if (!first.has(c)) first.set(c, Infinity);
    if (d[i] === 1) first.set(c, Math.min(first.get(c)!, Number(year[i])));
  }
  return first;
}
