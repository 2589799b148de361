// The tuned constants of the simulated panel's generating process (data/simulated/README.md gives the
// equations they enter). Kept in one place so calibration changes touch one file only.

/** Mean latent development by region (NBS four-region scheme): east > central > northeast ~ west. */
export const REGION_EFFECT: Record<string, number> = { east: 0.45, central: 0.0, northeast: -0.45, west: -0.55 };

/**
 * Region-specific latent innovation (both systems), beyond what development carries through the controls:
 * a level and a yearly trend added to LATENT[s]. The paper's section 3 reports pooled FI east 0.2890 >
 * central 0.2363 > northeast 0.1950 > west 0.1938, growth east 2.28% > west 2.27% > central 2.06% >
 * northeast 1.39%, and the west overtaking the northeast by 2022; it explains them by talent, research
 * capacity and transfer services (the west catching up, the northeast failing to attract innovation
 * factors). The five controls do not carry such a factor, so it enters the latent directly. Tuned on seed
 * 20250101 (data/simulated/README.md, Calibration). The trends shift the common LATENT[s].trend, on top of
 * the growth that development adds through Gdp and Ope, which is largest in the east.
 */
export const REGION_LATENT: Record<string, { level: number; trend: number }> = {
  east: { level: -0.1, trend: -0.018 }, central: { level: 0.02, trend: -0.012 },
  northeast: { level: -0.11, trend: -0.0135 }, west: { level: -0.22, trend: 0.01 },
};

/** Development bonus of administrative rank (time-invariant city flags). */
export const RANK_EFFECT = { capital: 0.5, sub_provincial: 0.4, municipality: 1.1, separately_listed: 0.5 };

/** Sd of the city's own development draw. */
export const DEV_SD = 0.3;

/** Controls: level, loading on development d, on pilot-zone membership, yearly trend, city sd, city-year sd. */
export const CONTROLS = {
  Gdp: { level: 10.3, dev: 0.85, pilot: 0.25, trend: 0.04, city: 0.32, noise: 0.06 },
  Pas: { level: 8.3, dev: 0.95, pilot: 0.2, trend: -0.05, city: 0.95, noise: 0.25 },
  lnFin: { level: 0.87, dev: -0.5, pilot: -0.1, trend: 0.012, city: 0.56, noise: 0.08 },
  Env: { level: 3.6, dev: 0.2, pilot: 0.05, trend: 0.02, city: 0.37, noise: 0.15 },
  Ope: { level: 13.5, dev: 2.4, pilot: 0.6, trend: 0.06, city: 1.55, noise: 0.3 },
};

/** Centring of the controls inside the latent-innovation function (near the paper's Table 2 means and sds). */
export const CONTROL_CENTRE = { Gdp: [10.74, 0.59], Ope: [14.02, 2.16], Pas: [8.09, 1.23], lnFin: [0.9, 0.55], Env: [3.74, 0.43] } as const;

/** Latent science-tech (S) and industrial (I) innovation: nonlinear in the controls, city effect, trend. */
export const LATENT = {
  S: { gdp: 0.5, ope: 0.22, gdpSq: 0.22, inter: 0.25, pas: 0.08, fin: -0.1, env: 0.04, trend: 0.035, city: 0.2, noise: 0.1 },
  I: { gdp: 0.4, ope: 0.32, gdpSq: 0.15, inter: 0.3, pas: 0.05, fin: -0.08, env: 0.03, trend: 0.03, city: 0.2, noise: 0.1 },
};

/** Share of the I system's city effect shared with the S system (the two systems co-move). */
export const CITY_EFFECT_SHARED = 0.7;

/** Correlation of an indicator's noise with its persistent city component (the rest is yearly). */
export const PERSISTENT_SHARE = 0.9;

/** Planted Bigdata effect on the latent innovation at the plateau of the event-time path, for H = 0 everywhere. */
export const EFFECT = { S: 0.06, I: 0.06 };
/** Event-time path: share of the plateau reached k years after designation, 1 - exp(-(k + 1) / PATH_RATE). */
export const PATH_RATE = 2;
/** Added to the effect multiplier (1 at baseline) by each heterogeneity split being 1. */
export const SPLIT_GAIN: Record<string, number> = { Elec: 0.8, Inte: 0.9, Gove: 1.0, Publ: 0.9 };
/** Added to the effect multiplier when LowCarbon (Diggre) or SmartCity (Digine) is also in force. */
export const SYNERGY_GAIN = { LowCarbon: 0.5, SmartCity: 1.2 };
/** How strongly each split's underlying characteristic loads on development (the rest is idiosyncratic). */
export const SPLIT_DEV_LOADING = 0.6;

/** Mechanism effects at the plateau of the same event-time path (no split or synergy multiplier). */
export const MECH_EFFECT = { Entre: 0.34, VCPE1: 0.40, VCPE2: 0.3, Talen: 0.0037 };

/**
 * Untreated mechanisms: base(level + city sd + city-year sd) + gdp sp(g) + ope sp(o) + trend t, with sp the
 * softplus of the standardised Gdp and Ope. Entre and Talen (log: true) have a log-normal base, the VC
 * variables ln(1 + amount) a normal one and are censored at 0. The controls and the trend enter additively,
 * so untreated trends do not scale with a city's persistent level (which would bias within-city estimates).
 */
export const MECH_BASE = {
  Entre: { log: true, level: -0.83, gdp: 0.35, ope: 0.1, trend: 0.005, city: 1.25, noise: 0.35 },
  VCPE1: { log: false, level: -0.13, gdp: 0.65, ope: 0.5, trend: 0.02, city: 1.9, noise: 0.6 },
  VCPE2: { log: false, level: 1.0, gdp: 0.45, ope: 0.3, trend: 0.02, city: 1.1, noise: 0.4 },
  Talen: { log: true, level: -4.65, gdp: 0.003, ope: 0.001, trend: 0.0001, city: 0.7, noise: 0.2 },
};
