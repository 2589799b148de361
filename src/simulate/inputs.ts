// The real inputs of the simulation: the 283-city roster and the policy calendars (data/policies.json).
import { readRosterRecords } from "../data/roster";
import { loadPolicies, designationMap, POLICY_NAMES } from "../data/policies";
import type { Calendar, City } from "./dgp";

/** The real calendars (data/policies.json, or a completed copy `file`) as a lookup, each policy's map built once. */
export function readCalendar(file?: string): Calendar {
  const cal = loadPolicies(file);
  const maps = new Map(POLICY_NAMES.map((p) => [p, designationMap(cal, p)]));
  return (policy, code) => maps.get(policy)!.get(code) ?? null;
}

export function readCities(): City[] {
  return readRosterRecords();
}
