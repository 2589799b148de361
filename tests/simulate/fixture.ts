// One simulation of the default seed shared by the simulate tests (it takes under a second).
import { simulate, type Simulated } from "../../src/simulate";

let cached: Simulated | undefined;
export function defaultSim(): Simulated {
  cached ??= simulate({ seed: 20250101 });
  return cached;
}
