// Writing files so that a failure never leaves a partial one: write to a temporary name, then rename.
// A bottom-layer module (no project imports): the CLI, the report writer and the notebook runner use it.
import * as fs from "fs";
import * as path from "path";

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Write several files only after all of them have been computed: all appear, or none. */
export function writeAllAtomic(files: { file: string; content: string | Uint8Array }[]): void {
  const staged: { tmp: string; file: string }[] = [];
  try {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.resolve(f.file)), { recursive: true });
      const tmp = `${f.file}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, f.content);
      staged.push({ tmp, file: f.file });
    }
  } catch (e) {
    for (const s of staged) fs.rmSync(s.tmp, { force: true });
    throw e;
  }
  for (const s of staged) fs.renameSync(s.tmp, s.file);
}
