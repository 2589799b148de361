"""The work of one DoubleMLDIDMulti fit (panel data, never-treated controls, no anticipation, standard
group-time cells, observational DR score with in-sample normalisation) done with numpy + scikit-learn the
way DoubleML does it: per cell a stratified 5-fold split over the cell's units, RandomForestRegressor for
g0 (controls) and g1 (group), RandomForestClassifier for the propensity clipped to [0.01, 0.99]; then
the scaled scores and the group aggregation. Written for bench/did.ts (DoubleML itself is not packaged
for Debian); it skips DoubleML's pandas bookkeeping, so it is a lower bound on DoubleML's own time.
Usage: python3 did_sklearn.py panel.csv n_jobs reps   (columns: id,t,g,y,x...)
"""
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.model_selection import StratifiedKFold


def fit_once(ids, t, g, y, X, jobs, seed):
    units = np.unique(ids)
    periods = np.unique(t)
    n = len(units)
    pos = {(u, p): i for i, (u, p) in enumerate(zip(ids, t))}
    grp = {u: g[pos[(u, periods[0])]] for u in units}
    gvec = np.array([grp[u] for u in units])
    groups = sorted(v for v in set(gvec) if v != 0)
    cells = []
    for gv in groups:
        before = periods[periods < gv]
        if len(before) == 0:
            continue
        base = before[-1]
        for j in range(1, len(periods)):
            cells.append((gv, min(periods[j - 1], base), periods[j]))
    results = []
    for c, (gv, pre, ev) in enumerate(cells):
        sel = np.where((gvec == gv) | (gvec == 0))[0]
        d = (gvec[sel] == gv).astype(float)
        rows_pre = np.array([pos[(units[k], pre)] for k in sel])
        rows_ev = np.array([pos[(units[k], ev)] for k in sel])
        dy = y[rows_ev] - y[rows_pre]
        x = X[rows_pre if pre < ev else rows_ev]  # covariates at the earlier period
        g0 = np.zeros(len(sel)); g1 = np.zeros(len(sel)); m = np.zeros(len(sel))
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed + c).split(x, d):
            for target, out in ((0, g0), (1, g1)):
                keep = tr[d[tr] == target]
                rf = RandomForestRegressor(n_estimators=100, max_features=1 / 3, min_samples_leaf=5, n_jobs=jobs, random_state=seed)
                out[te] = rf.fit(x[keep], dy[keep]).predict(x[te])
            cl = RandomForestClassifier(n_estimators=100, max_features="sqrt", min_samples_leaf=1, n_jobs=jobs, random_state=seed)
            m[te] = cl.fit(x[tr], d[tr]).predict_proba(x[te])[:, 1]
        m = np.clip(m, 0.01, 0.99)
        r = (1 - d) * m / (1 - m)
        w = d / d.mean() - r / r.mean()
        psi_a = -d / d.mean()
        psi_b = w * (dy - g0)
        theta = -psi_b.sum() / psi_a.sum()
        scaled = np.zeros(n)
        scaled[sel] = (psi_a * theta + psi_b) / (psi_a.sum() / n)
        results.append((gv, ev, theta, scaled))
    # group aggregation and its overall effect
    share = {gv: np.mean(gvec == gv) for gv in groups}
    agg = []
    for gv in groups:
        post = [(th, s) for (h, ev, th, s) in results if h == gv and ev >= gv]
        agg.append((share[gv], np.mean([th for th, _ in post]), np.mean([s for _, s in post], axis=0)))
    tot = sum(a[0] for a in agg)
    theta = sum(a[0] / tot * a[1] for a in agg)
    scaled = sum(a[0] / tot * a[2] for a in agg)
    se = np.sqrt(np.mean(scaled ** 2) / n)
    return theta, se


def main():
    data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
    jobs, reps = int(sys.argv[2]), int(sys.argv[3])
    ids, t, g, y, X = data[:, 0], data[:, 1], data[:, 2], data[:, 3], data[:, 4:]
    best = 1e9
    for rep in range(reps):
        t0 = time.perf_counter()
        theta, se = fit_once(ids, t, g, y, X, jobs, rep)
        best = min(best, time.perf_counter() - t0)
    print(best, theta, se)


main()
