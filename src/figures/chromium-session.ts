// One headless Chromium per process for the figures' PNGs, kept between figures: starting Chromium and
// parsing Plotly cost about a second a figure when each one is drawn by its own Chromium, a tenth of that
// here. The browser runs in a worker thread (chromium-worker.ts); renderInSession blocks on Atomics until
// the worker answers, so figure calls stay synchronous. Any failure closes the session and throws: the
// caller then draws the figure the one-shot way.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { FigureSpec } from "./specs";
import type { SessionReply } from "./chromium-worker";

/** How long one answer may take (the browser's start, or one figure). */
const TIMEOUT_MS = 60_000;

interface Session { chromium: string; worker: Worker; port: MessagePort; signal: Int32Array; pid: number; dir: string }

let session: Session | undefined;
/** Chromium binaries whose session failed: not tried again in this process. */
const broken = new Set<string>();

function startWorker(data: Record<string, unknown>, transfer: MessagePort[]): Worker {
  const js = path.join(__dirname, "chromium-worker.js");
  if (fs.existsSync(js)) return new Worker(js, { workerData: data, transferList: transfer });
  // Under tsx (the tests run the sources): load the TypeScript entry through tsx's CommonJS hook.
  const ts = path.join(__dirname, "chromium-worker.ts");
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
  try { process.kill(-s.pid, "SIGKILL"); } catch { /* already gone */ }
  void s.worker.terminate();
  removeDir(s.dir);
}

function open(chromium: string): Session {
  if (session?.chromium === chromium) return session;
  close();
  sweep();
  fs.mkdirSync(ROOT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, `${process.pid}-`));
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = startWorker({ chromium, dir, port: port2, signal }, [port2]);
  worker.unref();
  worker.on("error", () => { /* reported to the waiting call as a missing answer; the session is then closed */ });
  const s = { chromium, worker, port: port1, signal, pid: -1, dir };
  try {
    const r = answer(s);
    if (r.kind !== "ready") throw new Error(r.kind === "error" ? r.message : "unexpected answer");
    s.pid = r.pid;
  } catch (e) {
    void worker.terminate();
    removeDir(dir);
    throw e;
  }
  session = s;
  return s;
}

process.on("exit", close);

/** The browser process of the open session, if one is open (for tests: several figures, one browser). */
export function sessionPid(): number | undefined {
  return session?.pid;
}

/** The figure as a PNG, drawn in the process's Chromium (started on first use). Throws on any failure, after which that binary is not tried again. */
export function renderInSession(chromium: string, spec: FigureSpec, width: number, height: number): Buffer {
  if (broken.has(chromium)) throw new Error("the Chromium session failed earlier");
  try {
    const s = open(chromium);
    s.port.postMessage({ spec: JSON.stringify(spec), width, height });
    const r = answer(s);
    if (r.kind !== "png") throw new Error(r.kind === "error" ? r.message : "unexpected answer");
    return Buffer.from(r.png, "base64");
  } catch (e) {
    broken.add(chromium);
    close();
    throw e;
  }
}
