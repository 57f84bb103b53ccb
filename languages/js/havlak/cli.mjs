// The command line, read by Node's own parser (node:util parseArgs):
//   PROGRAM [--scale=S] [--iterations=N] [--json]
//   PROGRAM --cfg=FILE [--json]
// A value follows '=' or comes as the next argument; parseArgs takes a
// next argument that starts with '-' for a forgotten value (`--cfg --json`
// is an error; `--cfg=--json` reads a file named --json).

import { parseArgs } from 'node:util';
import { escapeControl } from './cfg_file.mjs';
import { MAX_ITERATIONS, MAX_SCALE, MIN_SCALE, WorkloadSpec } from './workload.mjs';

// A command line that is wrong: the message is one line.
export class UsageError extends Error {
  name = 'UsageError';
}

const OPTIONS = {
  scale: { type: 'string' },
  iterations: { type: 'string' },
  json: { type: 'boolean' },
  cfg: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

// A decimal number as people write one: no hex, no 'Infinity', no blanks
// (Number() takes all three, and '' as 0).
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// parseArgs's words, on one line: its hint after an ambiguous value
// ("Did you forget ...") takes two more, and an argument it quotes may
// hold a newline.
function parseArgsMessage(error) {
  const text = error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ?
      error.message.split('\n')[0] : error.message;
  return escapeControl(text).replace(/\.$/, '');
}

// { scale, iterations, json, cfg, help } (scale, iterations and cfg
// undefined when not given), or a UsageError.
export function parseCommandLine(args) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    if (!String(error.code).startsWith('ERR_PARSE_ARGS_')) throw error;
    throw new UsageError(parseArgsMessage(error));
  }
  const options = {
    scale: undefined,
    iterations: undefined,
    json: values.json === true,
    cfg: values.cfg,
    help: values.help === true,
  };
  if (values.scale !== undefined) {
    const scale = DECIMAL.test(values.scale) ? Number(values.scale) : NaN;
    if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
      throw new UsageError(`--scale: ${JSON.stringify(values.scale)} is not a number ` +
                           `from ${MIN_SCALE} to ${MAX_SCALE}`);
    }
    options.scale = scale;
  }
  if (values.iterations !== undefined) {
    const iterations = /^\d+$/.test(values.iterations) ? Number(values.iterations) : NaN;
    if (!(iterations <= MAX_ITERATIONS)) {
      throw new UsageError(`--iterations: ${JSON.stringify(values.iterations)} is not a whole ` +
                           `number from 0 to ${MAX_ITERATIONS}`);
    }
    options.iterations = iterations;
  }
  if (options.cfg === '') throw new UsageError("--cfg needs a file name ('-' for standard input)");
  if (options.cfg !== undefined && (options.scale !== undefined || options.iterations !== undefined)) {
    throw new UsageError('--scale and --iterations size the workload, which --cfg does not run');
  }
  return options;
}

export function usage(program) {
  const spec = WorkloadSpec.scaled(1);
  const name = program.name;
  return `${name}: ${program.idea}

Usage: ${name} [--scale=S] [--iterations=N] [--json]
       ${name} --cfg=FILE [--json]

Runs Hundt's LoopTesterApp workload: ${spec.smallGraphFinds} loop findings on a small graph,
then a graph of ${spec.bigGraphBlocks()} blocks built and searched for loops 1 + ${spec.bigGraphFinds} times,
then the nesting levels of the first result; checks the loop counts and
prints them with the time of each phase.

  --scale=S       multiply the loops per tree and the small-graph findings
                  by S (${MIN_SCALE} to ${MAX_SCALE}; default 1, the canonical workload)
  --iterations=N  big-graph findings after the first (0 to ${MAX_ITERATIONS};
                  default ${spec.bigGraphFinds}, the canonical workload; more for a profiler)
  --json          print one JSON record instead of the report
  --cfg=FILE      print the loops of the CFG in FILE instead ('-': standard
                  input; the format: docs/cfg-files.md)
  -h, --help      print this help

Exit status: 0 right loop counts; 1 a wrong one; 2 a bad command line or CFG file;
3 a graph deeper than the recursive search's stack; 4 out of memory.
`;
}
