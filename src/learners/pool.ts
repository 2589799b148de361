// A small shared pool of worker threads that grow forest trees. The binned data go to the workers once
// per fit through SharedArrayBuffers; tree t always goes to worker t mod W, and each tree's
// randomness comes from its own seed, so results do not depend on W. Workers are unref()'d while idle
// so a script or notebook exits when its work is done.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ForestTreeParams } from "./bagging";
import type { Binned } from "./binning";
import type { FlatTree } from "./tree";

export interface TreeJob {
  id: number;
  data: Binned;
  y: Float64Array;
  params: ForestTreeParams;
  seed: number;
  treeIds: number[];
}

export type TreeReply = { id: number; trees: FlatTree[]; error?: undefined } | { id: number; error: string; trees?: undefined };

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (t: FlatTree[]) => void; reject: (e: Error) => void }>;
}

const workers: PoolWorker[] = [];
let nextJob = 0;

/**
 * The worker entry next to this file: forest-worker.js when compiled (dist/, the CLI, tslab), or the
 * TypeScript source when running under tsx, loaded through tsx's CommonJS hook in the worker.
 */
function startWorker(): Worker {
  const js = join(__dirname, "forest-worker.js");
  if (existsSync(js)) return new Worker(js);
  const ts = join(__dirname, "forest-worker.ts");
  const boot = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true });
}

function getWorker(k: number): PoolWorker {
  while (workers.length <= k) {
    const pw: PoolWorker = { worker: startWorker(), pending: new Map() };
    pw.worker.unref();
    pw.worker.on("message", (r: TreeReply) => {
      const job = pw.pending.get(r.id);
      if (!job) return;
      pw.pending.delete(r.id);
      if (pw.pending.size === 0) pw.worker.unref();
      if (r.error !== undefined) job.reject(new Error(`forest worker failed: ${r.error}`));
      else job.resolve(r.trees);
    });
    const fail = (err: Error): void => {
      for (const job of pw.pending.values()) job.reject(err);
      pw.pending.clear();
      const at = workers.indexOf(pw);
      if (at >= 0) workers.splice(at, 1);
    };
    pw.worker.on("error", fail);
    pw.worker.on("exit", (code) => fail(new Error(`forest worker exited with code ${code}`)));
    workers.push(pw);
  }
  return workers[k];
}

/** Copy into shared memory so every worker reads the same bytes without a copy of its own. */
function shared<T extends Uint8Array | Int32Array | Float64Array>(a: T): T {
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** Grow trees 0..nTrees-1 on `threads` workers; returns them in tree order. */
export async function growTreesInWorkers(data: Binned, y: Float64Array, params: ForestTreeParams, seed: number, nTrees: number, threads: number): Promise<FlatTree[]> {
  const W = Math.max(1, Math.min(threads, nTrees));
  const sharedData = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, ArrayBuffer.isView(v) ? shared(v as Uint8Array) : v]),
  ) as unknown as Binned;
  const sharedY = shared(y);
  const parts = await Promise.all(
    Array.from({ length: W }, (_, w) => {
      const treeIds: number[] = [];
      for (let t = w; t < nTrees; t += W) treeIds.push(t);
      const pw = getWorker(w);
      const id = nextJob++;
      return new Promise<FlatTree[]>((resolve, reject) => {
        pw.pending.set(id, { resolve, reject });
        pw.worker.ref();
        const job: TreeJob = { id, data: sharedData, y: sharedY, params, seed, treeIds };
        pw.worker.postMessage(job);
      }).then((trees) => ({ treeIds, trees }));
    }),
  );
  const out: FlatTree[] = new Array(nTrees);
  for (const { treeIds, trees } of parts) treeIds.forEach((t, k) => (out[t] = trees[k]));
  return out;
}
