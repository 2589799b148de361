// One headless Chromium per process for the figures' PNGs, kept between figures: starting Chromium and
// parsing Plotly cost about a second a figure when each one is drawn by its own Chromium, a tenth of that
// here. The browser runs in a worker thread (chromium-worker.ts); renderInSession blocks on Atomics until
// the worker answers, so figure calls stay synchronous. Any failure closes the session and throws: the
// caller then draws the figure the one-shot way. Under `stii replicate` (STII_FIGURE_SOCKET set) the
// session is a relay to the run's one Chromium instead (figure-relay-worker.ts, figure-server.ts), and
// falls back to a browser of its own if that fails.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { FigureSpec } from "./specs";
import type { SessionReply } from "./chromium-worker";

/** How long one answer may take (the browser's start, or one figure). */
const TIMEOUT_MS = 60_000;

/** Set for a process whose figures go to a figure server: that server's socket. */
export const FIGURE_SOCKET_ENV = "STII_FIGURE_SOCKET";

/** key: the Chromium binary, or "relay:<socket>"; pid: the browser's, or -1 for a relay. */
interface Session { key: string; worker: Worker; port: MessagePort; signal: Int32Array; pid: number; dir?: string }

let session: Session | undefined;
/** Sessions (by key) that failed: not tried again in this process. */
const broken = new Set<string>();

function startWorker(entry: string, data: Record<string, unknown>, transfer: MessagePort[]): Worker {
  const js = path.join(__dirname, `${entry}.js`);
  if (fs.existsSync(js)) return new Worker(js, { workerData: data, transferList: transfer });
  // Under tsx (the tests run the sources): load the TypeScript entry through tsx's CommonJS hook.
  const ts = path.join(__dirname, `${entry}.ts`);
  const boot = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true, workerData: data, transferList: transfer });
}

/** Wait for the worker's next answer. */
function answer(s: Pick<Session, "port" | "signal">): SessionReply {
  if (Atomics.wait(s.signal, 0, 0, TIMEOUT_MS) === "timed-out") throw new Error(`no answer from Chromium in ${TIMEOUT_MS / 1000} s`);
  Atomics.store(s.signal, 0, 0);
  const got = receiveMessageOnPort(s.port);
  if (!got) throw new Error("Chromium's worker signalled without a message");
  return got.message as SessionReply;
}

/** Where the sessions keep their browser profiles: <tmp>/stii-chromium/<pid of the process>-<random>. */
const ROOT = path.join(os.tmpdir(), "stii-chromium");

/** A profile folder; a Chromium killed a moment ago may still be writing to it, so a failure is left to sweep(). */
function removeDir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
  } catch {
    // Removed by the next session's sweep instead of failing the notebook at its exit.
  }
}

/** Remove the profile folders of processes that have ended. */
function sweep(): void {
  for (const name of fs.existsSync(ROOT) ? fs.readdirSync(ROOT) : []) {
    const pid = Number(name.split("-")[0]);
    let alive = false;
    try { process.kill(pid, 0); alive = true; } catch (e) { alive = (e as NodeJS.ErrnoException).code === "EPERM"; }
    if (!alive) removeDir(path.join(ROOT, name));
  }
}

function close(): void {
  const s = session;
  session = undefined;
  if (!s) return;
  if (s.pid > 0) try { process.kill(-s.pid, "SIGKILL"); } catch { /* already gone */ }
  void s.worker.terminate();
  if (s.dir) removeDir(s.dir);
}

/** The session for `key`, started by `entry` (a worker file) with `data`, unless it is already open. */
function open(key: string, entry: string, data: Record<string, unknown>, dir?: string): Session {
  if (session?.key === key) return session;
  close();
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = startWorker(entry, { ...data, port: port2, signal }, [port2]);
  worker.unref();
  worker.on("error", () => { /* reported to the waiting call as a missing answer; the session is then closed */ });
  const s: Session = { key, worker, port: port1, signal, pid: -1, dir };
  try {
    const r = answer(s);
    if (r.kind !== "ready") throw new Error(r.kind === "error" ? r.message : "unexpected answer");
    s.pid = r.pid;
  } catch (e) {
    void worker.terminate();
    if (dir) removeDir(dir);
    throw e;
  }
  session = s;
  return s;
}

/** This process's own Chromium, with a fresh profile folder. */
function openLocal(chromium: string): Session {
  if (session?.key === chromium) return session;
  sweep();
  fs.mkdirSync(ROOT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, `${process.pid}-`));
  return open(chromium, "chromium-worker", { chromium, dir }, dir);
}

process.on("exit", close);

/** The browser process of the open session, if one is open (for tests: several figures, one browser). */
export function sessionPid(): number | undefined {
  return session?.pid;
}

/**
 * The figure as a PNG, drawn by the figure server of STII_FIGURE_SOCKET if set (unless `where` is "local":
 * the server's own calls) or else in the process's Chromium (started on first use). If the server fails,
 * the process's own Chromium takes over; if that fails, this throws, and that binary is not tried again.
 */
export function renderInSession(chromium: string, spec: FigureSpec, width: number, height: number, where: "auto" | "local" = "auto"): Buffer {
  const socket = where === "auto" ? process.env[FIGURE_SOCKET_ENV] : undefined;
  if (socket && !broken.has(`relay:${socket}`)) {
    try {
      return draw(open(`relay:${socket}`, "figure-relay-worker", { socket }), spec, width, height);
    } catch (e) {
      process.stderr.write(`stii figures: the figure server failed (${(e as Error).message.split("\n")[0].slice(0, 200)}); this process starts its own Chromium\n`);
      broken.add(`relay:${socket}`);
      close();
    }
  }
  if (broken.has(chromium)) throw new Error("the Chromium session failed earlier");
  try {
    return draw(openLocal(chromium), spec, width, height);
  } catch (e) {
    broken.add(chromium);
    close();
    throw e;
  }
}

function draw(s: Session, spec: FigureSpec, width: number, height: number): Buffer {
  s.port.postMessage({ spec: JSON.stringify(spec), width, height });
  const r = answer(s);
  if (r.kind !== "png") throw new Error(r.kind === "error" ? r.message : "unexpected answer");
  return Buffer.from(r.png, "base64");
}
