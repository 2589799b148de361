// The replication layer: one function per table or figure of the paper (and beyond it), used by the
// notebooks so that each notebook cell reads like the paper while the method lives in tested code.
export * from "./common";
export * from "./indicators";
export * from "./measurement";
export * from "./baseline";
export * from "./robustness";
export * from "./mechanisms";
export * from "./heterogeneity";
export * from "./synergy";
export * from "./beyond";
export * from "./method-check";
export * from "./montecarlo";
