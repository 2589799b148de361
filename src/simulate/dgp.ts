// The generating process of the simulated panel (equations in data/simulated/README.md). It returns the
// observed panel's columns and, drawn with the SAME noise, the untreated potential values of everything
// Bigdata affects (raw indicators and mechanisms), so the truth can be computed from both potential outcomes.
import { makeRng, deriveSeed, type Rng } from "../numeric/rng";
import {
  REGION_EFFECT, REGION_LATENT, RANK_EFFECT, DEV_SD, CONTROLS, CONTROL_CENTRE, LATENT, CITY_EFFECT_SHARED,
  EFFECT, PATH_RATE, PERSISTENT_SHARE, SPLIT_GAIN, SYNERGY_GAIN, SPLIT_DEV_LOADING, MECH_EFFECT, MECH_BASE,
} from "./params";
import { INDICATOR_LAWS, drawIndicator } from "./indicators";
import { POLICY_NAMES, type PolicyName } from "../data/policies";
import type { City } from "../data/roster";
import { SPLIT_COLUMNS, MECHANISM_COLUMNS } from "../data/profile";

export const FIRST_YEAR = 2010;
export const LAST_YEAR = 2022;
const SPLITS = SPLIT_COLUMNS;
const MECHANISMS = MECHANISM_COLUMNS;
export type { City };
/** Designation year of a city under a policy, or null if never designated. */
export type Calendar = (policy: PolicyName, code: string) => number | null;

/**
 * National internet users (100 million, CNNIC year-end figures, rounded), 2009-2021: the lagged national
 * series of both instruments (the value of year t-1 enters year t).
 */
const NET_USERS: Record<number, number> = {
  2009: 3.84, 2010: 4.57, 2011: 5.13, 2012: 5.64, 2013: 6.18, 2014: 6.49, 2015: 6.88,
  2016: 7.31, 2017: 7.72, 2018: 8.29, 2019: 9.04, 2020: 9.89, 2021: 10.32,
};

export interface Generated {
  /** Column name -> values, in panel order (city-major, then year); strings for the key columns. */
  columns: Record<string, (string | number)[]>;
  /** Untreated potential values (Bigdata switched off, same noise) of the raw indicators and mechanisms. */
  untreated: Record<string, number[]>;
  /** Event time year - Bigdata designation year, or null for never-treated cities. */
  eventTime: (number | null)[];
}

/** Share of the plateau effect reached k >= 0 years after designation (0 before). */
export function effectPath(k: number | null): number {
  return k === null || k < 0 ? 0 : 1 - Math.exp(-(k + 1) / PATH_RATE);
}

/** Values kept at 6 significant digits, so the CSV holds exactly the numbers the truth was computed from. */
export const round6 = (x: number): number => Number(x.toPrecision(6));

/** Identity above 0, saturating towards -1 below: the least developed cities differ less from each other. */
const floorSoft = (x: number): number => (x > 0 ? x : x / (1 - x));

const softplus = (x: number): number => Math.log1p(Math.exp(x));

/** 1 where a value is above the median of all values (ties go to 0). */
function aboveMedian(v: number[]): number[] {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  const med = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return v.map((x) => (x > med ? 1 : 0));
}

interface CityDraws {
  dev: number; pilot: number; ctl: Record<keyof typeof CONTROLS, number>; uS: number; uI: number;
  /** Scores behind the city-level splits Inte, Gove, Publ (Elec is provincial). */
  split: number[]; relief: number; phones: number; mech: number[];
  /** Persistent city-specific deviation of each raw indicator from its system's latent innovation. */
  indicator: number[];
}

function drawCity(c: City, pilot: number, rng: Rng): CityDraws {
  const dev = (REGION_EFFECT[c.region] ?? 0) + RANK_EFFECT.capital * c.capital + RANK_EFFECT.sub_provincial * c.sub_provincial
    + RANK_EFFECT.municipality * c.municipality + RANK_EFFECT.separately_listed * c.separately_listed + DEV_SD * rng.normal();
  const ctl = {} as Record<keyof typeof CONTROLS, number>;
  for (const k of Object.keys(CONTROLS) as (keyof typeof CONTROLS)[]) ctl[k] = rng.normal();
  const uS = rng.normal();
  const uI = CITY_EFFECT_SHARED * uS + Math.sqrt(1 - CITY_EFFECT_SHARED ** 2) * rng.normal();
  const split = SPLITS.slice(1).map(() => SPLIT_DEV_LOADING * dev + rng.normal()); // Inte, Gove, Publ
  // Instruments: flatter terrain and more 1984 phones where the pilot zones were set up (relevance);
  // they depend on development and pilot status only, never on the innovation shocks (exclusion).
  const relief = Math.exp(0.3 - 0.5 * pilot - 0.2 * dev + 0.6 * rng.normal());
  const phones = Math.exp(-0.6 + 0.5 * pilot + 0.4 * dev + 0.5 * rng.normal());
  const mech = MECHANISMS.map(() => rng.normal());
  const indicator = INDICATOR_LAWS.map(() => rng.normal());
  return { dev, pilot, ctl, uS, uI, split, relief, phones, mech, indicator };
}

export function generate(seed: number, cities: readonly City[], calendar: Calendar): Generated {
  const years: number[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) years.push(y);
  const draws = cities.map((c, i) => drawCity(c, calendar("Bigdata", c.city_code) === null ? 0 : 1, makeRng(deriveSeed(seed, 1, i))));
  // Elec is a provincial characteristic (outage time is reported by province): one draw per province.
  const provinces = [...new Set(cities.map((c) => c.province))].sort();
  const provRng = makeRng(deriveSeed(seed, 2));
  const provElec = new Map(provinces.map((p) => [p, provRng.normal()]));
  const splitScore = SPLITS.map((_, h) => cities.map((c, i) =>
    h === 0 ? SPLIT_DEV_LOADING * draws[i].dev + provElec.get(c.province)! : draws[i].split[h - 1]));
  const splitFlag = splitScore.map(aboveMedian);

  const cols: Record<string, (string | number)[]> = {};
  const untreated: Record<string, number[]> = {};
  const push = (name: string, v: string | number): void => { (cols[name] ??= []).push(v); };
  const pushU = (name: string, v: number): void => { (untreated[name] ??= []).push(v); };
  const eventTime: (number | null)[] = [];

  cities.forEach((c, i) => {
    const d = draws[i];
    const bigYear = calendar("Bigdata", c.city_code);
    years.forEach((year, t) => {
      const rng = makeRng(deriveSeed(seed, 3, i, t));
      for (const k of ["city", "city_code", "province", "region"] as const) push(k, c[k]);
      push("year", year);
      for (const k of ["capital", "sub_provincial", "municipality", "separately_listed"] as const) push(k, c[k]);
      const on: Record<string, number> = {};
      for (const p of POLICY_NAMES) {
        const y0 = calendar(p, c.city_code);
        on[p] = y0 !== null && year >= y0 ? 1 : 0;
        push(p, on[p]);
      }
      // Controls: development, pilot-zone membership (the confounding), trend, city and city-year noise.
      const ctl = {} as Record<keyof typeof CONTROLS, number>;
      for (const k of Object.keys(CONTROLS) as (keyof typeof CONTROLS)[]) {
        const p = CONTROLS[k];
        ctl[k] = p.level + p.dev * d.dev + p.pilot * d.pilot + p.trend * t + p.city * d.ctl[k] + p.noise * rng.normal();
      }
      const Gdp = round6(ctl.Gdp), Pas = round6(ctl.Pas), Fin = round6(Math.exp(ctl.lnFin)), Env = round6(ctl.Env), Ope = round6(ctl.Ope);
      push("Gdp", Gdp); push("Pas", Pas); push("Fin", Fin); push("Env", Env); push("Ope", Ope);

      const k = bigYear === null ? null : year - bigYear;
      eventTime.push(k);
      const path = on.Bigdata ? effectPath(k) : 0;
      const gain = 1 + SPLITS.reduce((s, h, j) => s + SPLIT_GAIN[h] * splitFlag[j][i], 0)
        + SYNERGY_GAIN.LowCarbon * on.LowCarbon + SYNERGY_GAIN.SmartCity * on.SmartCity;

      // Standardised controls: every untreated outcome depends on the city only through these, its region
      // (REGION_LATENT: the innovation indicators only) and effects independent of pilot status, so Bigdata is
      // ignorable given the controls and region x year.
      const z = (name: keyof typeof CONTROL_CENTRE, x: number): number => (x - CONTROL_CENTRE[name][0]) / CONTROL_CENTRE[name][1];
      const g = z("Gdp", Gdp), o = z("Ope", Ope), ps = z("Pas", Pas), f = z("lnFin", Math.log(Fin)), e = z("Env", Env);

      // Mechanisms: untreated level + planted effect, same noise in both potential outcomes.
      const m = MECHANISMS.map(() => rng.normal());
      const mechValue = (name: (typeof MECHANISMS)[number], j: number, treated: boolean): number => {
        const q = MECH_BASE[name];
        const base = q.level + q.city * d.mech[j] + q.noise * m[j];
        const v = (q.log ? Math.exp(base) : base) + q.gdp * softplus(g) + q.ope * softplus(o) + q.trend * t
          + (treated ? MECH_EFFECT[name] * path : 0);
        // VC variables are ln(1 + amount): zero where a city had no deals, hence censored at 0.
        return round6(q.log ? v : Math.max(0, v));
      };
      MECHANISMS.forEach((name, j) => { push(name, mechValue(name, j, true)); pushU(name, mechValue(name, j, false)); });

      SPLITS.forEach((h, j) => push(h, splitFlag[j][i]));
      const lagNet = NET_USERS[year - 1];
      push("IV_relief", round6(d.relief * lagNet));
      push("IV_phone", round6(d.phones * lagNet));

      // The regional factor of the paper's section 3 that the controls do not carry.
      const region = REGION_LATENT[c.region] ?? { level: 0, trend: 0 };
      // Latent innovation: nonlinear in the confounders (so linear adjustment is not enough) + city effect + trend.
      const latent = (s: "S" | "I", u: number): number => {
        const q = LATENT[s];
        return q.gdp * floorSoft(g) + q.ope * floorSoft(o) + q.gdpSq * Math.max(0, g) ** 2 / (1 + Math.max(0, g))
          + q.inter * Math.tanh(g) * Math.tanh(o) + q.pas * ps + q.fin * f + q.env * e + region.level + (q.trend + region.trend) * t + q.city * u + q.noise * rng.normal();
      };
      const L0 = { S: latent("S", d.uS), I: latent("I", d.uI) };
      const L1 = { S: L0.S + EFFECT.S * path * gain, I: L0.I + EFFECT.I * path * gain };
      INDICATOR_LAWS.forEach((law, j) => {
        // Mostly persistent (city-specific) noise: counts do not jump fourfold from one year to the next.
        const eps = PERSISTENT_SHARE * d.indicator[j] + Math.sqrt(1 - PERSISTENT_SHARE ** 2) * rng.normal();
        push(law.column, round6(drawIndicator(law, L1[law.system], eps)));
        pushU(law.column, round6(drawIndicator(law, L0[law.system], eps)));
      });
    });
  });
  return { columns: cols, untreated, eventTime };
}

