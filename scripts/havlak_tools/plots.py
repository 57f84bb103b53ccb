"""SVG plots of the results, drawn by gnuplot (gnuplot-nox)."""

import os
import subprocess

from .files import write_text


class PlotError(RuntimeError):
    pass


def _render(script):
    result = subprocess.run(["gnuplot"], input=script, capture_output=True,
                            text=True)
    if result.returncode != 0 or "<svg" not in result.stdout:
        raise PlotError(f"gnuplot failed: {result.stderr.strip()}")
    return result.stdout


def _quote(text):
    """A gnuplot single-quoted string: no escapes but a doubled quote."""
    return "'" + str(text).replace("'", "''") + "'"


# Past this many bars, their names are drawn slanted: side by side they ran
# into one grey line (the phases plot of thirty-odd programs).
SLANTED_FROM = 10


def _header(title, ylabel, logscale=False, bars=0, size=(900, 500)):
    """The canvas is at least `size` and widens with the bars (about 28 px
    each), slanting their names when there are many."""
    width = max(size[0], 28 * bars + 360)
    slanted = ("set xtics rotate by -55 left offset -0.5,0\n"
               "set bmargin 9\n" if bars >= SLANTED_FROM else "")
    return (
        f"set terminal svg size {width},{size[1]} dynamic noenhanced "
        "font 'sans,11'\n"
        "set output\n"
        + slanted +
        f"set title {_quote(title)}\n"
        f"set ylabel {_quote(ylabel)}\n"
        "set grid ytics\n"
        "set key top right\n"
        + ("set logscale y\n" if logscale else "set yrange [0:*]\n"))


def _label(text):
    """A data-block string: double-quoted, so that a label with spaces
    (`havlak1 [gcc-O2]`) stays one column."""
    return '"' + str(text).replace('"', "'") + '"'


def _data_block(name, lines):
    return f"${name} << EOD\n" + "\n".join(lines) + "\nEOD\n"


def grouped_bars(path, title, ylabel, rungs, groups, values, logscale=False):
    """One cluster per rung, one bar per group (allocator), with min-max error
    bars. `values[(rung, group)]` is (median, minimum, maximum)."""
    lines = []
    for rung in rungs:
        cells = [_label(rung)]
        for group in groups:
            value = values.get((rung, group))
            if value is None:   # no such bar: gnuplot's missing value
                cells += ["?", "?", "?"]
                continue
            median, low, high = value
            cells += [f"{median:.6g}", f"{low:.6g}", f"{high:.6g}"]
        lines.append(" ".join(cells))
    plot = ", ".join(
        f"$values using {2 + 3 * i}:{3 + 3 * i}:{4 + 3 * i}:xtic(1) "
        f"title {_quote(group)}" for i, group in enumerate(groups))
    script = (_header(title, ylabel, logscale, bars=len(rungs) * len(groups))
              + "set datafile missing '?'\n"
              + _data_block("values", lines)
              + "set style data histogram\n"
              + "set style histogram errorbars gap 1 lw 1\n"
              + "set style fill solid 0.7 border -1\n"
              + "set boxwidth 0.9\n"
              + f"plot {plot}\n")
    write_text(path, _render(script))


def stacked_shares(path, title, rungs, parts, values):
    """One bar per rung, split into `parts` as shares of the bar's total.
    `values[(rung, part)]` are seconds."""
    lines = []
    for rung in rungs:
        total = sum(values[(rung, part)] for part in parts) or 1
        lines.append(" ".join(
            [_label(rung)] + [f"{100 * values[(rung, part)] / total:.4g}"
                      for part in parts]))
    plot = ", ".join(
        f"$shares using {2 + i}{':xtic(1)' if i == 0 else ''} "
        f"title {_quote(part)}" for i, part in enumerate(parts))
    script = (_header(title, "share of the workload's wall time (%)",
                      bars=len(rungs))
              + _data_block("shares", lines)
              + "set yrange [0:100]\n"
              + "set key outside right\n"
              + "set style data histogram\n"
              + "set style histogram rowstacked\n"
              + "set style fill solid 0.8 border -1\n"
              + "set boxwidth 0.7\n"
              + f"plot {plot}\n")
    write_text(path, _render(script))


def _loglog(path, title, xlabel, ylabel, layers, size=(900, 500)):
    """Both axes logarithmic, the key outside: `layers` are (title,
    [(x, y), ...], gnuplot style) each, drawn in order."""
    blocks, plots = [], []
    for index, (name, points, style) in enumerate(layers):
        blocks.append(_data_block(f"s{index}", [f"{x:.6g} {y:.6g}"
                                                for x, y in points]))
        plots.append(f"$s{index} using 1:2 with {style} "
                     f"title {_quote(name)}")
    script = (_header(title, ylabel, logscale=True, size=size)
              + f"set xlabel {_quote(xlabel)}\n"
              + "set logscale x\n"
              + "set grid xtics\n"
              + "set key outside right\n"
              + "".join(blocks)
              + "plot " + ", ".join(plots) + "\n")
    write_text(path, _render(script))


def loglog_lines(path, title, xlabel, ylabel, series, dashed=()):
    """`series` maps a name to [(x, y), ...]; both axes logarithmic. The
    series named in `dashed` are drawn dashed (another language's)."""
    _loglog(path, title, xlabel, ylabel, [
        (name, points, "linespoints" + (" dashtype 2" if name in dashed
                                        else ""))
        for name, points in series.items()])


def time_memory(path, title, curves, defaults):
    """Peak memory across, wall time up, both logarithmic: `curves` maps a
    name to [(MiB, seconds), ...] in the order to join them (one point: a
    mark alone); `defaults` are the points a user gets by default, circled."""
    layers = [(name, points, "linespoints" if len(points) > 1
               else "points pt 7 ps 1.2") for name, points in curves.items()]
    if defaults:
        layers.append(("default setting", defaults,
                       "points pt 6 ps 3 lc rgb 'black'"))
    _loglog(path, title, "peak resident memory (MiB), median",
            "wall time (s), median", layers, size=(1100, 620))


def available():
    return any(os.access(os.path.join(directory, "gnuplot"), os.X_OK)
               for directory in os.environ.get("PATH", "").split(os.pathsep))
