"""Small charts as inline SVG for ``report.html``: horizontal bars, vertical bars
(single or grouped), stacked shares and step histograms (linear or log axes,
threshold marks).

Written directly as SVG elements rather than through matplotlib: a chart costs
well under a millisecond instead of tens of milliseconds plus a 0.2 s import,
which kept the end of a run above a second (issue 19). Text stays text (Chinese
labels render with the reader's fonts), there are no scripts, and the output
depends only on the arguments (no ids, dates or random salts), so the page is
byte-for-byte reproducible.
"""

from __future__ import annotations

import html
import math
from typing import Callable, Sequence

FONT = 'font-family="DejaVu Sans,Noto Sans,Noto Sans CJK SC,sans-serif"'
AXIS = "#8a919e"
GRID = "#eeeeee"
CHAR_W = 6.2  # px per character of 10 px text (label widths are estimated, not measured)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _f(v: float) -> str:
    """A coordinate: two decimals, no trailing zeros."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _svg(width: float, height: float, body: list[str], title: str) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}" height="{_f(height)}" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" {FONT} font-size="10">'
    )
    t = f'<text x="4" y="14" font-size="13" fill="#1d2330">{_e(title)}</text>' if title else ""
    return head + t + "".join(body) + "</svg>"


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round tick values covering [lo, hi]."""
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    v = first
    while v <= hi + step * 1e-9:
        if v >= lo - step * 1e-9:
            ticks.append(round(v, 10))
        v += step
    return ticks


def _fmt_tick(v: float) -> str:
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:g}M"
    if a >= 1e4:
        return f"{v / 1e3:g}k"
    return f"{v:,.6g}"


class _Scale:
    """Data -> pixels on one axis, linear or log10."""

    def __init__(self, lo: float, hi: float, a: float, b: float, log: bool = False) -> None:
        self.log = log
        if log:
            lo, hi = math.log10(max(lo, 1e-12)), math.log10(max(hi, 1e-12))
        self.lo, self.hi = lo, hi if hi > lo else lo + 1.0
        self.a, self.b = a, b

    def __call__(self, v: float) -> float:
        if self.log:
            v = math.log10(max(v, 10**self.lo))
        return self.a + (v - self.lo) / (self.hi - self.lo) * (self.b - self.a)

    def ticks(self) -> list[float]:
        if not self.log:
            return nice_ticks(self.lo, self.hi)
        lo, hi = math.floor(self.lo), math.ceil(self.hi)
        step = max(1, (hi - lo) // 6)
        return [10.0**k for k in range(lo, hi + 1, step) if self.lo - 1e-9 <= k <= self.hi + 1e-9]


def _x_axis(sx: _Scale, y0: float, top: float, label: str, width: float) -> list[str]:
    out = [f'<line x1="{_f(sx.a)}" y1="{_f(y0)}" x2="{_f(sx.b)}" y2="{_f(y0)}" stroke="{AXIS}"/>']
    for t in sx.ticks():
        x = sx(t)
        out.append(f'<line x1="{_f(x)}" y1="{_f(top)}" x2="{_f(x)}" y2="{_f(y0)}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{_f(x)}" y="{_f(y0 + 12)}" text-anchor="middle" fill="#333">{_e(_fmt_tick(t))}</text>'
        )
    if label:
        out.append(
            f'<text x="{_f((sx.a + sx.b) / 2)}" y="{_f(y0 + 26)}" text-anchor="middle">{_e(label)}</text>'
        )
    return out


def _y_axis(sy: _Scale, x0: float, right: float, label: str) -> list[str]:
    out = [f'<line x1="{_f(x0)}" y1="{_f(sy.a)}" x2="{_f(x0)}" y2="{_f(sy.b)}" stroke="{AXIS}"/>']
    for t in sy.ticks():
        y = sy(t)
        out.append(f'<line x1="{_f(x0)}" y1="{_f(y)}" x2="{_f(right)}" y2="{_f(y)}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{_f(x0 - 4)}" y="{_f(y + 3)}" text-anchor="end" fill="#333">{_e(_fmt_tick(t))}</text>'
        )
    if label:
        mid = (sy.a + sy.b) / 2
        out.append(
            f'<text transform="translate(11 {_f(mid)}) rotate(-90)" text-anchor="middle">{_e(label)}</text>'
        )
    return out


def _legend(items: Sequence[tuple[str, str]], x: float, y: float) -> list[str]:
    out = []
    for label, color in items:
        out.append(f'<rect x="{_f(x)}" y="{_f(y - 8)}" width="10" height="8" fill="{color}"/>')
        out.append(f'<text x="{_f(x + 14)}" y="{_f(y)}">{_e(label)}</text>')
        x += 24 + CHAR_W * len(label)
    return out


def hbar(
    items: Sequence[tuple[str, float]],
    title: str,
    xlabel: str,
    color: str | Sequence[str],
    annotate: bool = True,
    fmt: Callable[[float], str] = lambda v: f"{v:,.0f}",
) -> str:
    """Horizontal bars, first item on top."""
    items = list(items)[:30]
    left = 10 + CHAR_W * max([len(str(k)) for k, _ in items] + [4])
    width, row = 720.0, 22.0
    top, bottom = 24.0, 36.0
    height = top + bottom + row * max(1, len(items))
    values = [float(v) for _, v in items]
    hi = max(values + [0.0]) or 1.0
    sx = _Scale(0.0, hi * (1.18 if annotate else 1.0), left, width - 10)
    body = _x_axis(sx, height - bottom, top, xlabel, width)
    for i, (label, v) in enumerate(items):
        c = color[i] if not isinstance(color, str) else color
        y = top + i * row
        body.append(
            f'<rect x="{_f(sx.a)}" y="{_f(y + 3)}" width="{_f(sx(v) - sx.a)}" height="{_f(row - 6)}" fill="{c}"/>'
        )
        body.append(
            f'<text x="{_f(left - 4)}" y="{_f(y + row / 2 + 3)}" text-anchor="end">{_e(label)}</text>'
        )
        if annotate:
            body.append(
                f'<text x="{_f(sx(v) + 4)}" y="{_f(y + row / 2 + 3)}" font-size="9">{_e(fmt(v))}</text>'
            )
    return _svg(width, height, body, title)


def bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str | Sequence[str]]],
    title: str,
    ylabel: str,
    log_y: bool = False,
) -> str:
    """Vertical bars: one series, or several side by side (with a legend)."""
    width, height = 600.0, 240.0
    left, right, top, bottom = 52.0, 10.0, 24.0, 44.0
    n = max(1, len(labels))
    values = [float(v) for _, vs, _ in series for v in vs]
    hi = max(values + [0.0]) or 1.0
    positive = [v for v in values if v > 0]
    sy = _Scale(min(positive + [1.0]) / 2 if log_y else 0.0, hi * 1.05, height - bottom, top, log=log_y)
    body = _y_axis(sy, left, width - right, ylabel)
    slot = (width - right - left) / n
    k = max(1, len(series))
    bar_w = slot * 0.8 / k
    tilt = n > 8
    for i, label in enumerate(labels):
        x0 = left + i * slot + slot * 0.1
        for j, (_, vs, color) in enumerate(series):
            v = float(vs[i])
            if v <= 0 and log_y:
                continue
            c = color[i] if not isinstance(color, str) else color
            y = sy(v)
            body.append(
                f'<rect x="{_f(x0 + j * bar_w)}" y="{_f(y)}" width="{_f(bar_w)}" '
                f'height="{_f(sy.a - y)}" fill="{c}"/>'
            )
        cx = left + (i + 0.5) * slot
        if tilt:
            body.append(
                f'<text transform="translate({_f(cx)} {_f(height - bottom + 10)}) rotate(30)" '
                f'font-size="9">{_e(label)}</text>'
            )
        else:
            body.append(
                f'<text x="{_f(cx)}" y="{_f(height - bottom + 13)}" text-anchor="middle">{_e(label)}</text>'
            )
    if len(series) > 1:
        body += _legend(
            [(name, c if isinstance(c, str) else c[0]) for name, _, c in series], width - 160, top
        )
    return _svg(width, height, body, title)


def shares(parts: Sequence[tuple[str, float, str]], title: str = "") -> str:
    """One horizontal bar split into parts (e.g. original vs synthetic), with a legend."""
    width, height = 600.0, 64.0 if title else 48.0
    top = 22.0 if title else 6.0
    total = sum(max(0.0, float(v)) for _, v, _ in parts) or 1.0
    sx = _Scale(0.0, total, 10.0, width - 10.0)
    body, x = [], 0.0
    for _, v, color in parts:
        v = max(0.0, float(v))
        body.append(
            f'<rect x="{_f(sx(x))}" y="{_f(top)}" width="{_f(sx(x + v) - sx(x))}" height="18" fill="{color}"/>'
        )
        x += v
    body += _legend([(label, color) for label, _, color in parts], 10.0, top + 34)
    return _svg(width, height, body, title)


def histogram(
    edges: Sequence[float],
    series: Sequence[tuple[str, Sequence[int], str]],
    title: str,
    xlabel: str,
    log_x: bool,
    marks: Sequence[tuple[float, str]] = (),
    log_y: bool = False,
    removed_color: str = "#c8553d",
) -> str:
    """Step histograms over fixed bins: each series is [under] + one count per bin +
    [over]; under/overflow are left out. Series after the first that are not
    called ``kept`` are filled; threshold marks are dashed lines."""
    width, height = 600.0, 240.0
    left, right, top, bottom = 52.0, 10.0, 24.0, 40.0
    e = [float(x) for x in edges]
    lo_edge = e[1] if log_x and e[0] <= 0 else e[0]
    if log_x:
        e = [x if x > 0 else lo_edge / 10 ** (1 / 8) for x in e]
    spans = []
    for _label, counts, _color in series:
        nz = [i for i, c in enumerate(counts[1:-1]) if c]
        if nz:
            spans.append((nz[0], nz[-1] + 1))
    a, b = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (0, len(e) - 1)
    x_lo, x_hi = e[a], e[b]
    mark_xs = [x for x, _ in marks if not (log_x and x <= 0)]
    if mark_xs:
        x_lo, x_hi = min([x_lo] + mark_xs), max([x_hi] + mark_xs)
    if x_hi <= x_lo:
        x_hi = x_lo * 10 if log_x else x_lo + 1
    hi = max([float(c) for _, counts, _ in series for c in counts[1:-1]] + [1.0])
    sx = _Scale(x_lo, x_hi, left, width - right, log=log_x)
    sy = _Scale(0.5 if log_y else 0.0, hi * 1.08, height - bottom, top, log=log_y)
    body = _x_axis(sx, height - bottom, top, xlabel, width) + _y_axis(sy, left, width - right, "documents")
    legend = []
    for k, (label, counts, color) in enumerate(series):
        c = [float(v) for v in counts[1:-1]]
        nz = [i for i, v in enumerate(c) if v]
        if not nz:
            continue
        i0, i1 = nz[0], nz[-1] + 1
        base = sy.a
        pts = [f"{_f(sx(e[i0]))},{_f(base)}"]
        for i in range(i0, i1):
            y = sy(c[i]) if c[i] > 0 else base
            pts.append(f"{_f(sx(e[i]))},{_f(y)}")
            pts.append(f"{_f(sx(e[i + 1]))},{_f(y)}")
        pts.append(f"{_f(sx(e[i1]))},{_f(base)}")
        filled = label != "kept" and len(series) > 1
        fill = f'fill="{color}" fill-opacity="0.6"' if filled else 'fill="none"'
        opacity = "0.85" if label == "kept" else "0.6"
        body.append(
            f'<polyline points="{" ".join(pts)}" {fill} stroke="{color}" stroke-opacity="{opacity}" stroke-width="1.4"/>'
        )
        legend.append((f"{label} ({int(sum(counts)):,})", color))
    for x, text in marks:
        if log_x and x <= 0:
            continue
        px = sx(x)
        body.append(
            f'<line x1="{_f(px)}" y1="{_f(top)}" x2="{_f(px)}" y2="{_f(sy.a)}" stroke="{removed_color}" '
            f'stroke-dasharray="4 3" stroke-width="1.2"/>'
        )
        body.append(
            f'<text x="{_f(px + 3)}" y="{_f(top + 10)}" fill="{removed_color}" font-size="9">{_e(text)}</text>'
        )
    if len(series) > 1 and legend:
        body += _legend(legend, width - 230, top)
    return _svg(width, height, body, title)
