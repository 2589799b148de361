// Headless notebook execution in the tslab kernel.
export { executeNotebook, lastRunSeconds, NotebookCellError } from "./execute";
export type { ExecuteOptions, NotebookRun } from "./execute";
export { KernelClient, KernelTimeoutError } from "./client";
export type { ExecuteOutcome, KernelOptions } from "./client";
export { readNotebook, serializeNotebook } from "./notebook";
export type { Notebook, Cell, Output } from "./notebook";
