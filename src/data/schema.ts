// The paper's panel schema moved to profile.ts (the paper profile); this path stays for its importers.
export * from "./profile";
