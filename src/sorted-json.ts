// JSON with keys in sorted order, so a file written twice from the same data has the same bytes
// (notebooks, results/ manifests and tables).

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Sorted keys, one-space indent, trailing newline. */
export const stableJson = (v: unknown): string => JSON.stringify(sortKeys(v), null, 1) + "\n";
