// The data layer's public API: roster, policy calendars, the paper profile, the generic reader (readTable)
// and the profile's reader (readPanel) that checks a user's panel against the paper's schema.
export * from "./roster";
export * from "./policies";
export * from "./profile";
export * from "./source";
export * from "./table";
export * from "./csv";
export * from "./xlsx";
export * from "./headers";
export * from "./validate";
export * from "./interpolate";
export * from "./winsorize";
export * from "./panel";
