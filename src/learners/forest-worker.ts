// Worker-thread entry: grows the forest trees it is asked for on data shared with the main thread
// (SharedArrayBuffer, no copy) and sends back their flat node arrays.
import { parentPort } from "node:worker_threads";
import { growForestTree } from "./bagging";
import type { TreeJob, TreeReply } from "./pool";
import type { FlatTree } from "./tree";

parentPort!.on("message", (job: TreeJob) => {
  let reply: TreeReply;
  const buffers: ArrayBuffer[] = [];
  try {
    const trees: FlatTree[] = job.treeIds.map((t) => growForestTree(job.data, job.y, job.params, job.seed, t));
    for (const tr of trees) for (const a of Object.values(tr)) buffers.push((a as ArrayBufferView).buffer as ArrayBuffer);
    reply = { id: job.id, trees };
  } catch (e) {
    reply = { id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  parentPort!.postMessage(reply, buffers);
});
