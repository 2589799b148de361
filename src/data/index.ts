// The data layer's public API: roster, policy calendars, panel schema, reading and checking a user's panel.
export * from "./roster";
export * from "./policies";
export * from "./schema";
export * from "./csv";
export * from "./xlsx";
export * from "./headers";
export * from "./validate";
export * from "./interpolate";
export * from "./winsorize";
export * from "./panel";
