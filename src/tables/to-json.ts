// A paper table as JSON: the numbers (not the formatted text), so another program can re-render them.
import { stars } from "./estimate";
import type { PaperTable } from "./paper-table";

export function toJSON(t: PaperTable): string {
  const { spec } = t;
  return JSON.stringify({
    caption: spec.caption ?? null,
    note: t.note,
    columns: spec.columns.map((c, k) => ({
      column: `(${k + 1})`,
      depvar: c.depvar ?? spec.depvar ?? null,
      terms: Object.fromEntries(Object.entries(c.estimates).map(([term, e]) => [term, { ...e, stars: stars(e.p) }])),
      flags: c.flags ?? {},
      n: c.n ?? Object.values(c.estimates)[0]?.n ?? null,
      ...(c.paper ? { paper: c.paper } : {}),
      ...(c.truth ? { truth: c.truth } : {}),
    })),
  }, null, 2);
}
