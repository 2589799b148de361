// A minimal Jupyter client for the tslab kernel over ZeroMQ: start the kernel process, run code, collect
// the outputs published for that request, shut down. No Python or Jupyter installation involved.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { randomUUID } from "crypto";
import * as zmq from "zeromq";
import { writeConnectionFile, ConnectionInfo } from "./connection";
import { decode, encode, JupyterMessage, newMessage } from "./wire";

export interface KernelOptions {
  /** Working directory of the kernel: tslab resolves a cell's relative imports from here. */
  cwd: string;
  /** Extra environment variables (merged over this process's environment). */
  env?: Record<string, string>;
  /** How long the kernel may take to answer its first kernel_info_request. */
  startTimeoutMs?: number;
}

export interface ExecuteOutcome {
  status: "ok" | "error" | "abort";
  executionCount: number | null;
  /** The execute_reply content (for errors: ename/evalue/traceback when the kernel sends them). */
  reply: Record<string, any>;
  /** iopub messages whose parent is this request, in arrival order (status messages left out). */
  outputs: JupyterMessage[];
}

export class KernelTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${(ms / 1000).toFixed(0)} s`);
    this.name = "KernelTimeoutError";
  }
}

interface Pending {
  reply?: JupyterMessage;
  idle: boolean;
  outputs: JupyterMessage[];
  done: () => void;
}

/**
 * Node flags of the kernel process: V8's young generation with 64 MB semi-spaces instead of the default
 * 16 MB. The learners allocate many short-lived typed arrays (each tree's node arrays, fold copies); with the
 * default, notebooks 04 and 06 run together took 100 s and 106 s, with 64 MB 85 s and 88 s (alternating
 * runs; 128 MB was no better). The heap's limit is not changed.
 */
export const KERNEL_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];

function tslabBin(): string {
  return path.join(path.dirname(require.resolve("tslab/package.json")), "bin", "tslab");
}

export class KernelClient {
  private readonly session = randomUUID();
  private readonly pending = new Map<string, Pending>();
  private exited: Promise<never>;
  private closed = false;
  private log = "";

  private constructor(
    private readonly proc: ChildProcess,
    private readonly info: ConnectionInfo,
    private readonly connectionDir: string,
    private readonly shell: zmq.Dealer,
    private readonly control: zmq.Dealer,
    private readonly stdin: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
    private readonly hb: zmq.Request,
  ) {
    // Keep the last few kB of the kernel's own stdout/stderr to explain a crash.
    const keep = (b: Buffer) => { this.log = (this.log + b.toString()).slice(-4000); };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    this.exited = new Promise<never>((_, reject) => {
      proc.once("exit", (code, signal) => reject(new Error(`kernel exited (code ${code}, signal ${signal})${this.log ? ": " + this.log.trim() : ""}`)));
    });
    this.exited.catch(() => undefined); // observed by whoever races against it
    void this.pump(shell);
    void this.pump(control);
    void this.pump(iopub);
  }

  /** Spawn `tslab kernel` on a fresh connection file and wait until it answers on shell and iopub. */
  static async start(opts: KernelOptions): Promise<KernelClient> {
    const { file, info } = await writeConnectionFile();
    const proc = spawn(process.execPath, [...KERNEL_NODE_FLAGS, tslabBin(), "kernel", "--config-path", file], {
      cwd: opts.cwd,
      env: { ...process.env, ...(opts.env ?? {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = (port: number) => `tcp://${info.ip}:${port}`;
    const shell = new zmq.Dealer({ linger: 0 });
    const control = new zmq.Dealer({ linger: 0 });
    const stdin = new zmq.Dealer({ linger: 0 });
    const iopub = new zmq.Subscriber({ linger: 0 });
    const hb = new zmq.Request({ linger: 0, receiveTimeout: 5000 });
    iopub.subscribe();
    shell.connect(url(info.shell_port));
    control.connect(url(info.control_port));
    stdin.connect(url(info.stdin_port));
    iopub.connect(url(info.iopub_port));
    hb.connect(url(info.hb_port));
    const client = new KernelClient(proc, info, path.dirname(file), shell, control, stdin, iopub, hb);
    try {
      await client.handshake(opts.startTimeoutMs ?? 60_000);
    } catch (e) {
      await client.kill();
      throw e;
    }
    return client;
  }

  /** Run one cell's code; resolves when the reply has arrived and the kernel is idle again. */
  async execute(code: string, timeoutMs: number): Promise<ExecuteOutcome> {
    const content = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
    const { reply, outputs } = await this.request(this.shell, "execute_request", content, timeoutMs, "cell");
    return {
      status: reply.content.status,
      executionCount: typeof reply.content.execution_count === "number" ? reply.content.execution_count : null,
      reply: reply.content,
      outputs,
    };
  }

  /** Ask the kernel to exit (shutdown_request on control); kill it if it has not gone after `timeoutMs`. */
  async shutdown(timeoutMs = 5000): Promise<void> {
    if (this.closed) return;
    const gone = new Promise<void>((resolve) => (this.proc.exitCode !== null ? resolve() : this.proc.once("exit", () => resolve())));
    try {
      await this.request(this.control, "shutdown_request", { restart: false }, timeoutMs, "shutdown");
      // tslab closes its sockets but may keep the event loop alive; give it a moment, then kill.
      await Promise.race([gone, new Promise((r) => setTimeout(r, 1000))]);
    } catch {
      // the kernel is unresponsive or already dead: fall through to kill
    }
    await this.kill();
  }

  /** Kill the process and close our sockets (used after a timeout or a failed start). */
  async kill(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const gone = new Promise((r) => this.proc.once("exit", r));
      this.proc.kill("SIGKILL");
      await gone;
    }
    if (!this.closed) {
      this.closed = true;
      for (const s of [this.shell, this.control, this.stdin, this.iopub, this.hb]) s.close();
      fs.rmSync(this.connectionDir, { recursive: true, force: true });
    }
  }

  // The kernel binds its sockets a moment after starting and a fresh iopub subscription misses what is
  // published before it is joined, so repeat kernel_info_request until both the reply and its iopub
  // idle status arrive. A started kernel answers within milliseconds, so the wait per attempt starts short
  // and doubles (a fixed 2 s wait cost each notebook 2 s, as the first idle status is nearly always missed).
  // Then check the heartbeat echoes.
  private async handshake(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let wait = 50; ; wait = Math.min(2 * wait, 2000)) {
      try {
        await this.request(this.shell, "kernel_info_request", {}, wait, "kernel_info_request");
        break;
      } catch (e) {
        if (!(e instanceof KernelTimeoutError)) throw e;
        if (Date.now() > deadline) throw new KernelTimeoutError("kernel start (kernel_info_request)", timeoutMs);
      }
    }
    await this.hb.send("ping");
    const [echo] = await this.hb.receive();
    if (echo.toString() !== "ping") throw new Error("kernel heartbeat did not echo");
  }

  private request(socket: zmq.Dealer, msgType: string, content: Record<string, unknown>, timeoutMs: number, what: string): Promise<{ reply: JupyterMessage; outputs: JupyterMessage[] }> {
    const msg = newMessage(msgType, this.session, content);
    const id = msg.header.msg_id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(id); reject(new KernelTimeoutError(what, timeoutMs)); }, timeoutMs);
      const p: Pending = {
        idle: false,
        outputs: [],
        done: () => {
          if (!p.reply || !p.idle) return;
          clearTimeout(timer);
          this.pending.delete(id);
          resolve({ reply: p.reply, outputs: p.outputs });
        },
      };
      this.pending.set(id, p);
      this.exited.catch((e) => { clearTimeout(timer); this.pending.delete(id); reject(e); });
      socket.send(encode(this.info.key, msg)).catch(reject);
    });
  }

  // Route every incoming message to the request it answers (by parent msg_id); others are dropped.
  private async pump(socket: zmq.Dealer | zmq.Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        const msg = decode(this.info.key, frames);
        const p = this.pending.get(msg.parent_header.msg_id ?? "");
        if (!p) continue;
        if (socket === this.iopub) {
          if (msg.header.msg_type === "status") p.idle = msg.content.execution_state === "idle";
          else p.outputs.push(msg);
        } else {
          p.reply = msg;
        }
        p.done();
      }
    } catch (e) {
      if (!this.closed) this.log += `\nclient: ${(e as Error).message}`;
    }
  }
}
