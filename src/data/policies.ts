// Policy calendars (data/policies.json): for each policy its designation batches, each with its
// issuing document and member cities; and the 0/1 dummies "from the year of designation on".
import * as fs from "node:fs";
import { InputError } from "../errors";
import { cityByCode, dataPath } from "./roster";

export const POLICY_NAMES = ["Bigdata", "LowCarbon", "SmartCity", "InnovCity", "SciFin", "Broadband"] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface PolicySource { agency: string; title: string; doc_no: string; date: string }
export interface PolicyMember { code: string; city: string }

export interface PolicyBatch {
  id: string;
  year: number;
  /** Another defensible designation year (e.g. formal approval vs first announcement), shown beside the coded one. */
  alternative_year?: number;
  zone?: string;
  source: PolicySource;
  /** Provinces designated whole; their roster cities are all in members. */
  provinces?: string[];
  /** false where the batch's membership could not be documented in full. */
  complete?: boolean;
  members: PolicyMember[];
  not_counted?: { name: string; reason: string }[];
  /** Sources checked for the dates or members: what each says, and where. */
  evidence?: { claim: string; url: string }[];
  note?: string;
}

export interface Policy { name_zh: string; name_en: string; batches: PolicyBatch[] }

export interface PolicyCalendar {
  rules: Record<string, string>;
  policies: Record<PolicyName, Policy>;
}

function check(ok: boolean, msg: string): void {
  if (!ok) throw new InputError(`policies.json: ${msg}`);
}

/** Read data/policies.json (or `file`), checking every member against the roster by code and name. */
export function loadPolicies(file: string = dataPath("policies.json")): PolicyCalendar {
  const cal = JSON.parse(fs.readFileSync(file, "utf8")) as PolicyCalendar;
  check(typeof cal.policies === "object" && cal.policies !== null, "missing object policies");
  for (const name of POLICY_NAMES) {
    const pol = cal.policies[name];
    check(pol !== undefined && Array.isArray(pol.batches), `missing policy ${name}`);
    for (const b of pol.batches) {
      check(Number.isInteger(b.year), `${name} batch ${b.id}: year must be an integer`);
      check(typeof b.source?.title === "string", `${name} batch ${b.id}: missing source`);
      for (const m of b.members) {
        const city = cityByCode(m.code);
        check(city !== undefined, `${name} batch ${b.id}: code ${m.code} is not in the roster`);
        check(city!.city === m.city, `${name} batch ${b.id}: code ${m.code} is ${city!.city}, not ${m.city}`);
      }
    }
  }
  return cal;
}

/** First designation year of every covered city of a policy, keyed by city code. */
export function designationMap(cal: PolicyCalendar, policy: PolicyName): Map<string, number> {
  const first = new Map<string, number>();
  for (const b of cal.policies[policy].batches) {
    for (const m of b.members) {
      const y = first.get(m.code);
      if (y === undefined || b.year < y) first.set(m.code, b.year);
    }
  }
  return first;
}

/** The first year the city is covered by the policy, or null if it never is. */
export function designationYear(cal: PolicyCalendar, policy: PolicyName, code: string): number | null {
  return designationMap(cal, policy).get(code) ?? null;
}

/** 1 from the designation year on (SPEC section 2), else 0. */
export function policyDummy(cal: PolicyCalendar, policy: PolicyName, code: string, year: number): 0 | 1 {
  const first = designationYear(cal, policy, code);
  return first !== null && year >= first ? 1 : 0;
}
