// The main program every JavaScript program shares. A program is a module
// exporting `program`:
//
//   export const program = {
//     name: 'js-top', idea: 'one line',
//     reusesLoopGraph: true,  // findLoops clears the graph it is given
//     recursive: false,       // its search recurses once per block of a chain
//     newCfg() {},            // createNode(n), addEdge(from, to), finish()
//     newFinder() {},
//     newLoopGraph() {},      // calculateNestingLevel(), rootNestingLevel(),
//                             // toLoopForest() (forest.mjs)
//     findLoops(finder, cfg, loopGraph) {},  // returns the loops, root included
//   };
//
// and its main.mjs is `runProgram(new URL('./program.mjs', import.meta.url))`.
// It runs the workload (a report, or one JSON record with --json) or prints
// --cfg's loops. Exit status 0; 1 a wrong loop count; 2 a bad command line
// or CFG file; 3 a graph deeper than a recursive search's stack; 4 out of
// memory. A failure is one line on stderr and nothing on stdout.

import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { CfgError, CfgFile, escapeControl, readCfg } from './cfg_file.mjs';
import { UsageError, parseCommandLine, usage } from './cli.mjs';
import { loopForest } from './forest.mjs';
import { record, report } from './record.mjs';
import { WorkloadSpec, checkLoopCounts, runWorkload } from './workload.mjs';

// What ends a run: one line on stderr, and the exit status.
class Failure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// A recursive program's Worker gets a stack sized from the graph: this many
// bytes a block, and at least MIN_STACK_MIB (js-havlak1's search takes 100
// to 160 bytes a block, its nesting levels less a loop; README.md).
const STACK_BYTES_PER_BLOCK = 512;
const MIN_STACK_MIB = 64;
// Its heap limit is V8's default (the main thread's: 4 GiB on a 64-bit
// machine with 16 GiB or more) or, for a bigger graph, this many bytes a
// block: js-havlak1 holds 1.1 KB a block at its peak (5.3 GB on the
// 5,000,000-block chain).
const HEAP_BYTES_PER_BLOCK = 2048;
const DEFAULT_HEAP_MIB = Math.ceil(v8.getHeapStatistics().heap_size_limit / 2 ** 20);

function findLoopForest(program, file) {
  const cfg = program.newCfg();
  file.replayInto(cfg);
  const loopGraph = program.newLoopGraph();
  program.findLoops(program.newFinder(), cfg, loopGraph);
  loopGraph.calculateNestingLevel();
  return loopForest(loopGraph.toLoopForest());
}

// The work on a graph, on whichever thread runs it: a workload's result,
// or the text of a CFG file's loop forest. `task` is plain data, to cross
// into a Worker.
export function performTask(program, task) {
  if (task.kind === 'workload') {
    const { trees, loopsPerTree, smallGraphFinds, bigGraphFinds } = task.spec;
    const watch = performance.now();
    const spec = new WorkloadSpec(trees, loopsPerTree, smallGraphFinds, bigGraphFinds);
    const result = runWorkload(program, spec);
    result.wallSeconds = (performance.now() - watch) / 1000;
    return result;
  }
  const file = new CfgFile(task.ids, task.edgeFrom, task.edgeTo);
  const forest = findLoopForest(program, file);
  return task.json ? file.forestJson(program.name, forest) : file.forestText(program.name, task.name, forest);
}

// performTask here, or for a recursive program in a Worker whose stack and
// heap are sized for `blocks` blocks (the main thread's stack is about
// 1 MiB, ten thousand calls).
async function runTask(program, programUrl, task, blocks, what) {
  if (!program.recursive) return performTask(program, task);
  const stackMib = Math.max(MIN_STACK_MIB, Math.ceil(blocks * STACK_BYTES_PER_BLOCK / 2 ** 20));
  const resourceLimits = { stackSizeMb: stackMib };
  const heapMib = Math.ceil(blocks * HEAP_BYTES_PER_BLOCK / 2 ** 20);
  if (heapMib > DEFAULT_HEAP_MIB) resourceLimits.maxOldGenerationSizeMb = heapMib;
  const transferList = task.kind === 'cfg' ? [task.ids.buffer, task.edgeFrom.buffer, task.edgeTo.buffer] : [];
  const noStack = (reason) => new Failure(3, `${what}: no thread with a stack of ${stackMib} MiB for the ` +
                                          `recursive search of ${blocks} blocks: ${reason}`);
  let worker;
  try {
    worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { programUrl: String(programUrl), task },
      transferList,
      resourceLimits,
    });
  } catch (error) {
    throw noStack(error.message);
  }
  const reply = await new Promise((resolve, reject) => {
    let message;
    worker.on('message', (value) => { message = value; });
    worker.on('error', reject);
    worker.on('exit', () => resolve(message));
  }).catch((error) => {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw new Failure(4, `${what}: out of memory (V8's heap limit) on a graph of ${blocks} blocks`);
    }
    if (error.code === 'ERR_WORKER_INIT_FAILED') throw noStack(error.message);
    throw error;
  });
  if (reply === undefined) throw new Failure(4, `${what}: the search's Worker stopped without an answer`);
  if (reply.tooDeep) {
    throw new Failure(3, `${what}: the depth-first search of ${blocks} blocks needs more nested calls ` +
                      `than a stack of ${stackMib} MiB holds; this recursive search stops there (V8's limit)`);
  }
  return reply.value;
}

// "no such file or directory" of Node's "ENOENT: no such file or
// directory, open '/x'" (the path is the caller's to show, escaped).
function systemErrorText(error) {
  const match = /^[A-Z0-9_]+: ([^,]*)/.exec(error.message);
  return match ? `${match[1]} (${error.code})` : String(error.code);
}

async function readCfgFile(path) {
  const name = path === '-' ? '<stdin>' : escapeControl(path);
  const input = path === '-' ? process.stdin : fs.createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    return { name, file: await readCfg(input, name) };
  } catch (error) {
    if (error instanceof CfgError) throw new Failure(2, error.message);
    if (error.syscall) {
      const verb = error.syscall === 'open' ? 'open' : 'read';
      throw new Failure(2, `cannot ${verb} ${name}: ${systemErrorText(error)}`);
    }
    throw error;
  }
}

function resourceUsage() {
  const usage = process.resourceUsage();
  return {
    userSeconds: usage.userCPUTime / 1e6,
    systemSeconds: usage.systemCPUTime / 1e6,
    peakRssKib: usage.maxRSS, // KiB, getrusage's ru_maxrss
  };
}

async function run(program, programUrl, args) {
  let options;
  try {
    options = parseCommandLine(args);
  } catch (error) {
    if (error instanceof UsageError) throw new Failure(2, `${error.message} (see --help)`);
    throw error;
  }
  if (options.help) {
    process.stdout.write(usage(program));
    return 0;
  }
  if (options.cfg !== undefined) {
    const { name, file } = await readCfgFile(options.cfg);
    const task = {
      kind: 'cfg', ids: file.ids, edgeFrom: file.edgeFrom, edgeTo: file.edgeTo, json: options.json, name,
    };
    process.stdout.write(await runTask(program, programUrl, task, file.ids.length, name));
    return 0;
  }
  const scale = options.scale ?? 1;
  const spec = WorkloadSpec.scaled(scale);
  if (options.iterations !== undefined) spec.bigGraphFinds = options.iterations;
  const task = { kind: 'workload', spec: { ...spec } };
  const result = await runTask(program, programUrl, task, spec.bigGraphBlocks(), 'the workload');
  const run = { scale, spec, result, problems: checkLoopCounts(spec, result), usage: resourceUsage() };
  for (const problem of run.problems) process.stderr.write(`${program.name}: wrong loop count: ${problem}\n`);
  process.stdout.write(options.json ? record(program, run) : report(program, run));
  return run.problems.length === 0 ? 0 : 1;
}

// A failure nobody planned for, still on one line: out of memory (V8 says
// so in a RangeError) is status 4, anything else 1.
function unplanned(error) {
  const text = escapeControl(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  const memory = error instanceof RangeError && /allocation failed|Invalid .*length|maximum size/i.test(text);
  return new Failure(memory ? 4 : 1, memory ? `out of memory: ${text}` : text);
}

// All of a program's main: exit status in process.exitCode, so that
// standard output is written out before Node exits.
export async function runProgram(programUrl) {
  const { program } = await import(programUrl);
  process.stdout.on('error', (error) => {
    process.stderr.write(`${program.name}: cannot write standard output: ${systemErrorText(error)}\n`);
    process.exitCode = 1;
  });
  try {
    process.exitCode = await run(program, programUrl, process.argv.slice(2));
  } catch (error) {
    const failure = error instanceof Failure ? error : unplanned(error);
    process.stderr.write(`${program.name}: ${failure.message}\n`);
    process.exitCode = failure.status;
  }
}
