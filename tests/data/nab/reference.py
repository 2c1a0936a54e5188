"""Independent reference values for tests/capacity_reference.rs.

Run with numpy, scipy and pandas installed (the project's tests do not need Python):

    python3 tests/data/nab/reference.py > /tmp/reference.txt

Every value is computed here without Headroom's code: numpy.polyfit for the lines,
numpy.linalg.lstsq with one indicator column per hour bucket for the seasonal model,
scipy.stats.t.ppf for the t quantile, scipy.optimize.brentq for crossings, pandas groupby for
the patterns (np.percentile's default linear interpolation; std with ddof=1), and a port of
Prometheus' linearRegression (promql/functions.go, Kahan-Neumaier sums, x in seconds from the
evaluation time) for predict_linear and deriv.
"""

import numpy as np
import pandas as pd
from scipy import optimize, stats

DAY_MS = 86_400_000
HOUR_MS = 3_600_000


def load(name, start=None, end=None):
    d = pd.read_csv(f"tests/data/nab/{name}")
    if start:
        d = d[(d.timestamp >= start) & (d.timestamp <= end)]
    t = pd.to_datetime(d.timestamp)
    ms = ((t - pd.Timestamp("1970-01-01")) // pd.Timedelta(milliseconds=1)).astype("int64").values
    return ms, d.value.values.astype(float)


def line(ms, y):
    x = (ms - ms[0]) / DAY_MS
    b, a = np.polyfit(x, y, 1)
    res = y - (a + b * x)
    n = len(y)
    r2 = 1 - (res ** 2).sum() / ((y - y.mean()) ** 2).sum()
    s = np.sqrt((res ** 2).sum() / (n - 2))
    tq = stats.t.ppf(0.975, n - 2)
    mx, sxx = x.mean(), ((x - x.mean()) ** 2).sum()

    def at(t_ms):
        x0 = (t_ms - ms[0]) / DAY_MS
        v = a + b * x0
        h = tq * s * np.sqrt(1 + 1 / n + (x0 - mx) ** 2 / sxx)
        return v, v - h, v + h

    return dict(slope=b, intercept=a, r2=r2, sd=s, t=tq, at=at)


def hour_bucket(ms, weekly):
    day = ms // DAY_MS
    hour = (ms % DAY_MS) // HOUR_MS
    weekday = (day + 3) % 7
    return weekday * 24 + hour if weekly else hour


def seasonal(ms, y):
    x = (ms - ms[0]) / DAY_MS
    span = x[-1]
    weekly = span >= 14
    k = 168 if weekly else 24
    b_of = hour_bucket(ms, weekly)
    used = sorted(set(b_of.tolist()))
    X = np.zeros((len(y), 1 + len(used)))
    X[:, 0] = x
    col = {b: i + 1 for i, b in enumerate(used)}
    for i, b in enumerate(b_of):
        X[i, col[b]] = 1.0
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    res = y - X @ beta
    n = len(y)
    dof = n - len(used) - 1
    s = np.sqrt((res ** 2).sum() / dof)
    r2 = 1 - (res ** 2).sum() / ((y - y.mean()) ** 2).sum()
    tq = stats.t.ppf(0.975, dof)
    xtx_inv = np.linalg.inv(X.T @ X)

    def at(t_ms):
        x0 = np.zeros(X.shape[1])
        x0[0] = (t_ms - ms[0]) / DAY_MS
        x0[col[int(hour_bucket(np.array([t_ms]), weekly)[0])]] = 1.0
        v = x0 @ beta
        h = tq * s * np.sqrt(1 + x0 @ xtx_inv @ x0)
        return v, v - h, v + h

    return dict(slope=beta[0], r2=r2, sd=s, t=tq, at=at, weekly=weekly)


def backtest(ms, y):
    n = len(y)
    split = int(np.floor(n * 0.8))
    out = {}
    for kind in ["linear", "exponential", "seasonal"]:
        tm, ty = ms[:split], y[:split]
        if kind == "linear":
            f = line(tm, ty)
            pred = f["intercept"] + f["slope"] * (ms[split:] - tm[0]) / DAY_MS
        elif kind == "exponential":
            f = line(tm, np.log(ty))
            pred = np.exp(f["intercept"] + f["slope"] * (ms[split:] - tm[0]) / DAY_MS)
        else:
            f = seasonal(tm, ty)
            pred = np.array([f["at"](t)[0] for t in ms[split:]])
        err = y[split:] - pred
        out[kind] = (np.abs(err).mean(), np.sqrt((err ** 2).mean()))
    return split, out


def kahan_inc(inc, total, c):
    t = total + inc
    if abs(total) >= abs(inc):
        c += (total - t) + inc
    else:
        c += (inc - t) + total
    return t, c


def prometheus_linear_regression(ms, y, intercept_time_ms):
    n = 0.0
    sx = cx = sy = cy = sxy = cxy = sx2 = cx2 = 0.0
    for t, v in zip(ms, y):
        n += 1.0
        x = float(int(t) - intercept_time_ms) / 1e3
        sx, cx = kahan_inc(x, sx, cx)
        sy, cy = kahan_inc(float(v), sy, cy)
        sxy, cxy = kahan_inc(x * float(v), sxy, cxy)
        sx2, cx2 = kahan_inc(x * x, sx2, cx2)
    sx += cx
    sy += cy
    sxy += cxy
    sx2 += cx2
    cov = sxy - sx * sy / n
    var = sx2 - sx * sx / n
    slope = cov / var
    intercept = sy / n - slope * sx / n
    return slope, intercept


def r(v):
    return repr(float(v))


FILES = [
    ("ec2_cpu_utilization_5f5533.csv", None, None),
    ("elb_request_count_8c0756.csv", None, None),
    ("nyc_taxi.csv", None, None),
    ("nyc_taxi.csv", "2014-09-01 00:00:00", "2014-10-26 23:30:00"),
]

for name, start, end in FILES:
    ms, y = load(name, start, end)
    horizon_end = int(ms[-1]) + 90 * DAY_MS
    print(f"== {name} {start or ''} n={len(y)} first={ms[0]} last={ms[-1]}")
    lin = line(ms, y)
    v, lo, hi = lin["at"](horizon_end)
    print("linear", r(lin["slope"]), r(lin["intercept"]), r(lin["r2"]), r(lin["sd"]), r(lin["t"]), r(v), r(lo), r(hi))
    ex = line(ms, np.log(y))
    v, lo, hi = ex["at"](horizon_end)
    print("exponential", r(ex["slope"]), r(ex["intercept"]), r(ex["r2"]), r(ex["sd"]), r(np.exp(v)), r(np.exp(lo)), r(np.exp(hi)))
    se = seasonal(ms, y)
    v, lo, hi = se["at"](horizon_end)
    print("seasonal weekly" if se["weekly"] else "seasonal daily", r(se["slope"]), r(se["r2"]), r(se["sd"]), r(v), r(lo), r(hi))
    split, bt = backtest(ms, y)
    print("backtest", split, " ".join(f"{k} {r(a)} {r(b)}" for k, (a, b) in bt.items()))
    # Patterns, on the series' own clock.
    hours = (ms % DAY_MS) // HOUR_MS
    weekdays = ((ms // DAY_MS) + 3) % 7
    frame = pd.DataFrame({"v": y, "h": hours, "d": weekdays})
    for key in ["h", "d"]:
        g = frame.groupby(key).v
        table = pd.DataFrame({"mean": g.mean(), "max": g.max(), "p95": g.quantile(0.95), "std": g.std()})
        for idx, row in table.iterrows():
            print(f"pattern {key} {idx} {r(row['mean'])} {r(row['max'])} {r(row['p95'])} {r(row['std'])}")
    means = frame.groupby("h").v.mean()
    threshold = np.percentile(means.values, 75)
    print("peaks", r(threshold), [int(h) for h in means.index if means[h] > threshold])
    # Prometheus predict_linear(v[range], 7d) evaluated at the last sample's time; deriv(v[range]).
    slope, intercept = prometheus_linear_regression(ms, y, int(ms[-1]))
    print("prometheus", r(slope), r(intercept + slope * 7 * 86400))
    # Recommended capacity: the highest trend and upper bound on the hourly grid over 90 days.
    grid = [int(ms[-1]) + k * HOUR_MS for k in range(0, 90 * 24 + 1)] + [horizon_end]
    print("max", r(max(lin["at"](t)[0] for t in grid)), r(max(lin["at"](t)[2] for t in grid)))
    # Crossings of the linear trend and its upper bound (brentq over the horizon).
    for capacity in [18000.0, 45.0]:
        f_trend = lambda t: lin["at"](t)[0] - capacity
        f_upper = lambda t: lin["at"](t)[2] - capacity
        out = []
        for f in [f_trend, f_upper]:
            if f(ms[-1]) >= 0:
                out.append("already")
            elif f(horizon_end) < 0:
                out.append("none")
            else:
                out.append(repr(optimize.brentq(f, float(ms[-1]), float(horizon_end), xtol=1.0)))
        print("crossing", capacity, *out)
