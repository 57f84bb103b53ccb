// What a workload run prints: the JSON record the runner reads
// (scripts/havlak_tools/records.py), or the report for people.
//
// A run is { scale, spec, result, problems, usage } with result from
// runWorkload (plus its wallSeconds) and usage { userSeconds,
// systemSeconds, peakRssKib } of the whole process.

import { PHASES } from './workload.mjs';

// The runtime, in the record's allocator_version and the report.
export function runtimeVersion() {
  return `Node ${process.version}, V8 ${process.versions.v8} (${process.execPath})`;
}

// Seconds as a JSON number Python reads as a float: String(2) is "2",
// which json.loads reads as an int.
export function jsonSeconds(seconds) {
  const text = String(seconds);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

// {"key":value,...} of [key, JSON text] pairs.
function jsonObject(entries) {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

export function record(program, run) {
  const { spec, result } = run;
  const phases = PHASES.map(([key], phase) => {
    const entries = [['wall_seconds', jsonSeconds(result.seconds[phase])]];
    if (key === 'repeated_finds') {
      const each = Array.from(result.repeatedFindSeconds, jsonSeconds);
      entries.push(['each_seconds', `[${each.join(',')}]`]);
    }
    return [key, jsonObject(entries)];
  });
  const text = JSON.stringify;
  return jsonObject([
    ['rung', text(program.name)],
    ['language', text('javascript')],
    ['idea', text(program.idea)],
    ['allocator', text('V8')],
    ['allocator_version', text(runtimeVersion())],
    ['compiler', text(`Node ${process.version} (V8 ${process.versions.v8})`)],
    ['build_flags', text("none: ES modules run from source, V8's default flags")],
    ['workload', jsonObject([
      ['canonical', spec.isCanonical()],
      ['scale', jsonSeconds(run.scale)],
      ['trees', spec.trees],
      ['loops_per_tree', spec.loopsPerTree],
      ['blocks', spec.bigGraphBlocks()],
      ['small_graph_finds', spec.smallGraphFinds],
      ['big_graph_finds', spec.bigGraphFinds],
    ])],
    ['reuse_loop_graph', program.reusesLoopGraph],
    ['loops', result.loops],
    ['loops_total', result.loopsTotal],
    ['small_graph_loops', result.smallGraphLoops],
    ['root_nesting_level', result.rootNestingLevel],
    ['loop_counts_right', run.problems.length === 0],
    ['loop_count_problems', text(run.problems)],
    ['phases', jsonObject(phases)],
    ['wall_seconds', jsonSeconds(result.wallSeconds)],
    ['peak_rss_kib', run.usage.peakRssKib],
    // V8 counts no allocations a program can read.
    ['allocations', 'null'],
  ]) + '\n';
}

function median(values) {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function report(program, run) {
  const { spec, result, usage } = run;
  const row = (title, value) => `${title.padEnd(22)} ${value}`;
  const lines = [
    `${program.name}: ${program.idea}`,
    `runtime: ${runtimeVersion()}`,
    `workload: ${spec.isCanonical() ? 'canonical' : `scale ${run.scale}`}: ` +
        `${spec.bigGraphBlocks()} blocks; ${spec.smallGraphFinds} small-graph findings; ` +
        `1 + ${spec.bigGraphFinds} big-graph findings`,
  ];
  if (program.reusesLoopGraph) {
    lines.push('loop graph: one, cleared and refilled by every finding but the first big-graph one');
  }
  lines.push(`# of loops: ${result.loops} (total ${result.loopsTotal})`);
  if (run.problems.length === 0) {
    lines.push(`loop counts: right (small graph ${result.smallGraphLoops}, ` +
               `loop depth ${result.rootNestingLevel})`);
  }
  for (const problem of run.problems) lines.push(`loop counts: WRONG: ${problem}`);
  lines.push('', 'phase                      wall');
  PHASES.forEach(([, title], phase) => lines.push(row(title, `${result.seconds[phase].toFixed(3).padStart(8)} s`)));
  lines.push(row('total', `${result.wallSeconds.toFixed(3).padStart(8)} s  ` +
                 `user ${usage.userSeconds.toFixed(2)} s, system ${usage.systemSeconds.toFixed(2)} s`));
  if (result.repeatedFindSeconds.length > 0) {
    // A JIT's steady state: the later findings run compiled code.
    const each = result.repeatedFindSeconds;
    lines.push(row('repeated, each', `${(median(each) * 1000).toFixed(3).padStart(8)} ms median, ` +
                   `${(each.reduce((a, b) => Math.min(a, b)) * 1000).toFixed(3)} ms fastest`));
  }
  lines.push(row('peak resident memory', `${(usage.peakRssKib / 1024).toFixed(1).padStart(8)} MiB`));
  return lines.join('\n') + '\n';
}
