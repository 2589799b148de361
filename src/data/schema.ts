// The paper profile moved to profile.ts; this path stays for its importers in src/simulate (owned elsewhere): switch them, then delete it.
export * from "./profile";
