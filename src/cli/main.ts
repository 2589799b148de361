// The `stii` command line (SPEC section 9). Each sub-command lives in its own file and holds no method:
// it parses options, calls the library, prints or writes the result. Bad input ends in one line on
// stderr and exit code 1; nothing is written.
import { InputError } from "../errors";

type Command = { summary: string; run: (argv: string[]) => Promise<void> | void };

// Loaded lazily so `stii simulate` does not pay for the kernel client or the learners.
const commands: Record<string, () => Command> = {
  simulate: () => require("./simulate").command,
  measure: () => require("./measure").command,
  dml: () => require("./dml").command,
  did: () => require("./did").command,
  montecarlo: () => require("./montecarlo").command,
  replicate: () => require("./replicate").command,
  check: () => require("./check").command,
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, load]) => {
    let summary = "";
    try { summary = load().summary; } catch { summary = "(not available in this build)"; }
    return `  stii ${name.padEnd(10)} ${summary}`;
  });
  return ["usage: stii <command> [options]", "", ...lines].join("\n");
}

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`stii: unknown command "${name}"\n${usage()}\n`);
    process.exitCode = 1;
    return;
  }
  try {
    await load().run(rest);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`stii ${name}: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}
