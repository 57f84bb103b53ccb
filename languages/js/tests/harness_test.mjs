// Unit tests of the shared harness (languages/js/havlak), with node:test:
//   node languages/js/tests/harness_test.mjs     (ctest: js.unit)
// The programs themselves are checked by tests/conformance.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CfgError, CfgReader, escapeControl, readCfg } from '../havlak/cfg_file.mjs';
import { UsageError, parseCommandLine, usage } from '../havlak/cli.mjs';
import { loopForest } from '../havlak/forest.mjs';
import { jsonSeconds, record, report } from '../havlak/record.mjs';
import {
  WorkloadSpec, buildBigGraph, buildSmallGraph, checkLoopCounts, runWorkload,
} from '../havlak/workload.mjs';
import { program as havlak1 } from '../variants/havlak1/program.mjs';
import { program as top } from '../variants/top/program.mjs';

// A graph builder that only counts.
class Counter {
  constructor() {
    this.blocks = 0;
    this.edges = 0;
  }
  createNode(block) {
    this.blocks = Math.max(this.blocks, block + 1);
  }
  addEdge(from, to) {
    this.createNode(Math.max(from, to));
    this.edges++;
  }
  finish() {}
}

const bytes = (text) => Buffer.from(text, 'latin1');
const read = (text, chunkBytes = 7) => {
  const data = typeof text === 'string' ? bytes(text) : text;
  const chunks = [];
  for (let at = 0; at < data.length; at += chunkBytes) chunks.push(data.subarray(at, at + chunkBytes));
  return readCfg(chunks, 'f');
};

test('the canonical graph has Hundt\'s shape', () => {
  const spec = WorkloadSpec.scaled(1);
  assert.ok(spec.isCanonical() && !WorkloadSpec.scaled(1.0001).isCanonical());
  const graph = new Counter();
  buildSmallGraph(graph);
  assert.deepEqual([graph.blocks, graph.edges], [11, 16]);
  buildBigGraph(spec, graph);
  assert.equal(graph.blocks, spec.bigGraphBlocks());
  assert.deepEqual([spec.bigGraphBlocks(), spec.expectedLoops()], [252013, 76002]);
  const more = WorkloadSpec.scaled(1);
  more.bigGraphFinds = 51;
  assert.ok(!more.isCanonical());
});

test('scaling rounds like lround', () => {
  const spec = WorkloadSpec.scaled(0.013);
  assert.deepEqual([spec.loopsPerTree, spec.smallGraphFinds], [1, 195]);
  assert.equal(WorkloadSpec.scaled(0.005).smallGraphFinds, 75);
  assert.equal(WorkloadSpec.scaled(0.01).bigGraphBlocks(), 2533);
});

test('wrong counts are named', () => {
  const spec = WorkloadSpec.scaled(0.01);
  const result = {
    smallGraphLoops: 4, smallGraphLoopsTotal: 4 * 150, loops: 762, loopsTotal: 50 * 762, rootNestingLevel: 5,
  };
  assert.deepEqual(checkLoopCounts(spec, result), []);
  result.loops = 761;
  assert.deepEqual(checkLoopCounts(spec, result), ['big-graph loops: 761, expected 762']);
});

test('both programs run the workload with the right counts', () => {
  for (const program of [havlak1, top]) {
    const spec = WorkloadSpec.scaled(0.01);
    spec.bigGraphFinds = 3;
    const result = runWorkload(program, spec);
    assert.deepEqual(checkLoopCounts(spec, result), [], program.name);
    assert.equal(result.repeatedFindSeconds.length, 3);
  }
});

test('flags take their value after an equals sign or apart', () => {
  assert.deepEqual(parseCommandLine([]),
                   { scale: undefined, iterations: undefined, json: false, cfg: undefined, help: false });
  const options = parseCommandLine(['--scale', '0.5', '--json', '--iterations=0']);
  assert.deepEqual([options.scale, options.json, options.iterations], [0.5, true, 0]);
  assert.equal(parseCommandLine(['--cfg=--json']).cfg, '--json');
  assert.equal(parseCommandLine(['--cfg', '-']).cfg, '-');
  assert.ok(parseCommandLine(['-h']).help);
  assert.equal(parseCommandLine(['--scale=4e-2']).scale, 0.04);
});

test('bad command lines are refused in one line', () => {
  const refusals = [
    ['--scale=abc'], ['--scale=0'], ['--scale=-1'], ['--scale=nan'], ['--scale=inf'], ['--scale=Infinity'],
    ['--scale='], ['--scale=0x10'], ['--scale=1e400'], ['--scale'], ['--bogus'], ['stray'], ['--', 'x'],
    ['--cfg'], ['--cfg='], ['--cfg', '--json'], ['--json=yes'], ['-x'], ['--iterations=-1'],
    ['--iterations=1000001'], ['--iterations=1.5'], ['--cfg=x', '--scale=1'], ['--cfg=x', '--iterations=3'],
    ['--bo\ngus'],
  ];
  for (const args of refusals) {
    assert.throws(() => parseCommandLine(args), (error) => {
      assert.ok(error instanceof UsageError, `${args}: ${error}`);
      assert.ok(error.message.length > 0 && !error.message.includes('\n'), `${args}: ${error.message}`);
      return true;
    });
  }
  assert.match(usage(top), /^js-top: .*\n\nUsage: js-top /);
});

test('ids are numbered densely, start first', async () => {
  const file = await read('# c\r\n1 2\n\t2 1 # back\nstart 2\nblock 9\n7 0008');
  assert.deepEqual(Array.from(file.ids), [2, 1, 9, 7, 8]);
  assert.deepEqual(Array.from(file.edgeFrom), [1, 0, 3]);
  assert.deepEqual(Array.from(file.edgeTo), [0, 1, 4]);
  assert.deepEqual(Array.from((await read('start 4294967295\nblock 4294967295')).ids), [4294967295]);
});

test('files on the edge of the format are read', async () => {
  // A byte-order mark, also split across chunks, and a line of 4096 bytes.
  for (const chunkBytes of [1, 2, 100]) {
    const file = await read(bytes('\xef\xbb\xbfstart 1\n1 2\n'), chunkBytes);
    assert.deepEqual(Array.from(file.ids), [1, 2]);
  }
  const long = await read(`start 1\n1 2\n${' '.repeat(4093)}1 2\n`, 1000);
  assert.equal(long.edgeFrom.length, 2);
  assert.deepEqual(Array.from((await read('block 5\nstart 5\n')).ids), [5]);
});

test('files that are not CFGs are refused in one line naming the file and line', async () => {
  for (const [text, message] of [
    ['', "f: no 'start ID' line"],
    ['start 1\n1 2 3\n', "f:2: expected 'FROM TO', 'start ID' or 'block ID'"],
    ['start\n1 2\n', "f:1: expected 'FROM TO', 'start ID' or 'block ID'"],
    ['start 1\n1 +2\n', 'f:2: "+2" is not a block id (a whole number from 0 to 4294967295)'],
    ['start 1\n1 4294967296\n', 'f:2: "4294967296" is not a block id (a whole number from 0 to 4294967295)'],
    ['start 1\nblock x\n', 'f:2: "x" is not a block id (a whole number from 0 to 4294967295)'],
    ['start 9\n1 2\n', "f:1: no edge or 'block' line names start block 9"],
    ['start 1\n1 2\nstart 2\n', 'f:3: a second start line (the first is line 1)'],
    [`start 1\n${' '.repeat(4097)}`, 'f:2: a line longer than 4096 bytes'],
    ['start 1\n1 2\x00\n', 'f:2: byte 0x00: this is not a text CFG'],
    ['# \x00', 'f:1: byte 0x00: this is not a text CFG'],
    [`start 1\n1 ${'x'.repeat(60)}\n`, `f:2: "${'x'.repeat(40)}" is not a block id (a whole number from 0 to 4294967295)`],
  ]) {
    await assert.rejects(read(text), (error) => error instanceof CfgError && error.message === message, text);
  }
});

test('the reader stops at the first bad line, not at the end of the stream', async () => {
  let given = 0;
  function* endless() {
    for (;;) {
      given++;
      yield new Uint8Array(65536); // /dev/zero
    }
  }
  await assert.rejects(readCfg(endless(), 'zero'), /^CfgError: zero:1: byte 0x00/);
  assert.equal(given, 1);
  const reader = new CfgReader('f');
  reader.feed(bytes('start 1\n'));
  assert.throws(() => reader.feed(bytes('1'.repeat(5000))), /f:2: a line longer than 4096 bytes/);
});

test('names cannot add lines to a message', () => {
  assert.equal(escapeControl('a\nb\tc\x1bd\x7fé'), 'a\\nb\\tc\\x1bd\\x7fé');
});

test('a loop forest is sorted by header, blocks ascending', () => {
  const loop = (header, blocks) => ({ header, blocks, reducible: true, parent: null, depth: 1, nestingLevel: 0 });
  assert.deepEqual(loopForest([loop(7, [9, 7, 8]), loop(2, [3, 2])]), [loop(2, [2, 3]), loop(7, [7, 8, 9])]);
});

test('both programs find the same loops, irreducible ones included', async () => {
  // outer: a reducible loop around an irreducible one entered at a and b.
  const file = await read('start 1\n1 2\n2 3\n2 4\n3 4\n4 3\n4 5\n5 2\n5 6\n');
  const forests = [havlak1, top].map((program) => {
    const cfg = program.newCfg();
    file.replayInto(cfg);
    const lsg = program.newLoopGraph();
    assert.equal(program.findLoops(program.newFinder(), cfg, lsg), 3, program.name);
    lsg.calculateNestingLevel();
    return file.forestJson('x', loopForest(lsg.toLoopForest()));
  });
  assert.equal(forests[0], forests[1]);
  assert.deepEqual(JSON.parse(forests[0]).loops, [
    { header: 2, blocks: [2, 5], reducible: true, parent: null, depth: 1, nesting_level: 1 },
    { header: 3, blocks: [3, 4], reducible: false, parent: 2, depth: 2, nesting_level: 0 },
  ]);
});

test('every seconds value in the record is a float to Python', () => {
  assert.deepEqual([0, 2, 1e21, 1e-7, 0.25].map(jsonSeconds), ['0.0', '2.0', '1e+21', '1e-7', '0.25']);
  const spec = WorkloadSpec.scaled(1);
  spec.bigGraphFinds = 2;
  const run = {
    scale: 1, spec, problems: ['a "b"'],
    result: {
      seconds: [0, 1, 2, 3, 0.5], smallGraphLoops: 4, smallGraphLoopsTotal: 60000, loops: 76002,
      loopsTotal: 152004, rootNestingLevel: 5, repeatedFindSeconds: new Float64Array([1, 2]), wallSeconds: 6,
    },
    usage: { userSeconds: 1, systemSeconds: 0, peakRssKib: 1024 },
  };
  const text = record(top, run);
  assert.ok(text.endsWith('}\n') && !text.slice(0, -1).includes('\n'));
  const parsed = JSON.parse(text);
  assert.deepEqual(parsed.phases.repeated_finds, { wall_seconds: 3, each_seconds: [1, 2] });
  assert.equal(parsed.allocations, null);
  assert.deepEqual(parsed.loop_count_problems, ['a "b"']);
  assert.match(text, /"small_graph_loops":\{"wall_seconds":0\.0\}/);
  assert.match(text, /"each_seconds":\[1\.0,2\.0\]/);
  assert.match(text, /"wall_seconds":6\.0,"peak_rss_kib":1024,/);
  assert.match(report(top, run), /# of loops: 76002 \(total 152004\)\nloop counts: WRONG: a "b"\n/);
});
