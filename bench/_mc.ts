import { monteCarlo, coverageDecomposition } from "/work/main/src/replication/method-check";
(async () => {
  const forest = JSON.parse(process.argv[2]);
  const seed = Number(process.argv[3] ?? 20251);
  const design = JSON.parse(process.argv[5] ?? '{"cities":100,"years":10,"theta":0.5}');
  const t0 = performance.now();
  const mc = await monteCarlo({ reps: Number(process.argv[4] ?? 200), seed, methods: ["PLR forest"], forest, design });
  const s = mc.summary[0];
  console.log(JSON.stringify(forest), JSON.stringify(design), seed, "cov", s.coverage, "bias", s.bias.toFixed(4), "sd", s.sd.toFixed(4), "seRatio", s.seRatio.toFixed(3), JSON.stringify(coverageDecomposition(s)), ((performance.now() - t0) / 1000).toFixed(1), "s");
})();
