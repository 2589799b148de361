// Progress of a long dml() fit on the terminal, for the command line (the engine itself reports
// progress only through its onProgress callback; notebooks use figures/show.ts progressBar).

/** A one-line bar on stderr, only for a terminal or when STII_PROGRESS=1 (never pollutes piped output). */
export function terminalProgress(): (done: number, total: number, label: string) => void {
  if (!process.stderr.isTTY && process.env.STII_PROGRESS !== "1") return () => {};
  return (done, total, label) => {
    const width = 24, filled = Math.round((width * done) / total);
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(80).slice(0, 100));
    if (done === total) process.stderr.write("\n");
  };
}
