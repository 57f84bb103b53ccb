// CFG files (docs/cfg-files.md): `start ID` once, one edge `FROM TO` a
// line, `block ID` for a block without edges, `#` comments, ids from 0 to
// 4294967295, lines of at most 4096 bytes. The reader takes the file in
// chunks as they come and checks each byte as it arrives, so a stream that
// is not a CFG fails in its first line (/dev/zero at its first byte). It
// numbers the blocks densely, the start first and the others in the order
// the file names them, and keeps their ids to print the loops with.

const MAX_LINE_BYTES = 4096;
const MAX_ID = 4294967295;
const SHOWN_BYTES = 40; // of a field that is not an id, in the message
const BOM = [0xef, 0xbb, 0xbf];

// A file that is not a CFG: the message is one line naming the file.
export class CfgError extends Error {
  name = 'CfgError';
}

// Control characters escaped, so that a name cannot add lines to a message.
export function escapeControl(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const named = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }[c];
    return named ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

// A Uint32Array grown by doubling: the reader's lists of millions of ids.
class U32List {
  constructor() {
    this.data = new Uint32Array(1024);
    this.length = 0;
  }
  push(value) {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  // A copy of exactly the values pushed.
  toArray() {
    return this.data.slice(0, this.length);
  }
}

// File id -> dense block number: open addressing in typed arrays, because
// a Map holds at most 2^24 entries and a CFG may have more blocks.
class DenseNumbers {
  constructor() {
    this.ids = new U32List(); // dense number -> file id
    this.bits = 10;
    this.keys = new Uint32Array(1 << this.bits);
    this.slots = new Int32Array(1 << this.bits); // dense number + 1; 0: free
  }
  slotOf(id) {
    const mask = (1 << this.bits) - 1;
    let at = Math.imul(id, 0x9e3779b1) >>> (32 - this.bits);
    while (this.slots[at] !== 0 && this.keys[at] !== id) at = (at + 1) & mask;
    return at;
  }
  numberOf(id) {
    let at = this.slotOf(id);
    if (this.slots[at] !== 0) return this.slots[at] - 1;
    this.ids.push(id);
    this.keys[at] = id;
    this.slots[at] = this.ids.length;
    if (2 * this.ids.length > this.keys.length) this.grow();
    return this.ids.length - 1;
  }
  grow() {
    const { keys, slots } = this;
    this.bits += 1;
    this.keys = new Uint32Array(1 << this.bits);
    this.slots = new Int32Array(1 << this.bits);
    for (let old = 0; old < keys.length; old++) {
      if (slots[old] === 0) continue;
      const at = this.slotOf(keys[old]);
      this.keys[at] = keys[old];
      this.slots[at] = slots[old];
    }
  }
}

// A CFG read from a file: block b's id in the file is ids[b], block 0 is
// the start, and edge i runs from edgeFrom[i] to edgeTo[i], in the file's
// order (a block's successors are searched in this order).
export class CfgFile {
  constructor(ids, edgeFrom, edgeTo) {
    this.ids = ids;
    this.edgeFrom = edgeFrom;
    this.edgeTo = edgeTo;
  }

  // Builds a program's CFG: the start first, then every other block, then
  // the edges in order.
  replayInto(cfg) {
    for (let block = 0; block < this.ids.length; block++) cfg.createNode(block);
    for (let i = 0; i < this.edgeFrom.length; i++) cfg.addEdge(this.edgeFrom[i], this.edgeTo[i]);
    cfg.finish();
  }

  // The forest as --cfg prints it: a line naming the input, then
  // "loop 5: depth 2, nesting 0, reducible, parent 1, blocks 5 6 7" a loop.
  forestText(programName, name, forest) {
    const ids = this.ids;
    const lines = [`# ${programName}: ${forest.length} loop${forest.length === 1 ? '' : 's'} ` +
                   `in ${name} (${ids.length} blocks, ${this.edgeFrom.length} edges), ` +
                   'plus the artificial root'];
    for (const loop of forest) {
      const blocks = loop.blocks.map((block) => ids[block]).join(' ');
      const parent = loop.parent === null ? 'none' : ids[loop.parent];
      lines.push(`loop ${ids[loop.header]}: depth ${loop.depth}, nesting ${loop.nestingLevel}, ` +
                 `${loop.reducible ? 'reducible' : 'irreducible'}, parent ${parent}, blocks ${blocks}`);
    }
    return lines.join('\n') + '\n';
  }

  // The forest as one JSON object, in the file's ids; "loops" as
  // tests/conformance reads it.
  forestJson(programName, forest) {
    const ids = this.ids;
    const loops = forest.map((loop) =>
      `{"header":${ids[loop.header]},"blocks":[${loop.blocks.map((block) => ids[block]).join(',')}],` +
      `"reducible":${loop.reducible},"parent":${loop.parent === null ? 'null' : ids[loop.parent]},` +
      `"depth":${loop.depth},"nesting_level":${loop.nestingLevel}}`);
    return `{"rung":${JSON.stringify(programName)},"blocks":${ids.length},` +
        `"edges":${this.edgeFrom.length},"loops":[${loops.join(',')}]}\n`;
  }
}

// Reads a CFG from `chunks` (an async iterable of byte arrays: a file's
// read stream, standard input); throws a CfgError naming `name` and the
// line of the first problem. Stops reading at the first problem.
export async function readCfg(chunks, name) {
  const reader = new CfgReader(name);
  for await (const chunk of chunks) reader.feed(chunk);
  return reader.end();
}

// The reader's state between chunks: the line so far, byte by byte.
export class CfgReader {
  constructor(name) {
    this.name = name;
    this.bomMatched = 0; // bytes of a byte-order mark at the start; -1: past it
    this.line = 1;
    this.lineBytes = 0;
    this.inComment = false;
    // The current field, as it grows: its length, its first bytes (to
    // show it, or to see 'start' or 'block'), and its value while it is
    // digits only (-1 when it is not, or is past MAX_ID).
    this.fieldBytes = 0;
    this.fieldStart = new Uint8Array(SHOWN_BYTES);
    this.fieldValue = 0;
    // The line's fields so far: up to three, each an id or a word.
    this.fields = 0;
    this.fieldIds = [0, 0, 0];
    this.fieldWords = ['', '', ''];
    this.start = -1;
    this.startLine = 0;
    // Edges and `block ID` lines in order: a block line is from = to = ID,
    // and its index is in loneAt.
    this.froms = new U32List();
    this.tos = new U32List();
    this.loneAt = new U32List();
  }

  fail(what) {
    return new CfgError(`${this.name}:${this.line}: ${what}`);
  }

  feed(chunk) {
    let from = 0;
    // A byte-order mark at the start is skipped, even split across chunks.
    while (this.bomMatched >= 0 && from < chunk.length) {
      if (chunk[from] !== BOM[this.bomMatched]) {
        this.scan(BOM.slice(0, this.bomMatched), 0); // not a mark: content
        this.bomMatched = -1;
      } else {
        from++;
        this.bomMatched++;
        if (this.bomMatched === BOM.length) this.bomMatched = -1;
      }
    }
    this.scan(chunk, from);
  }

  scan(bytes, from) {
    for (let i = from; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === 0x0a) {
        this.endLine();
        continue;
      }
      if (++this.lineBytes > MAX_LINE_BYTES) throw this.fail(`a line longer than ${MAX_LINE_BYTES} bytes`);
      if (c === 0) throw this.fail('byte 0x00: this is not a text CFG');
      if (this.inComment) continue;
      if (c === 0x23) { // '#'
        this.endField();
        this.inComment = true;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c) {
        this.endField();
      } else {
        if (this.fieldBytes < SHOWN_BYTES) this.fieldStart[this.fieldBytes] = c;
        this.fieldBytes++;
        if (this.fieldValue >= 0) {
          this.fieldValue = c >= 0x30 && c <= 0x39 ? this.fieldValue * 10 + (c - 0x30) : -1;
          if (this.fieldValue > MAX_ID) this.fieldValue = -1;
        }
      }
    }
  }

  endField() {
    if (this.fieldBytes === 0) return;
    if (this.fields < 3) {
      this.fieldIds[this.fields] = this.fieldValue;
      this.fieldWords[this.fields] = this.fieldValue >= 0 ? '' : this.fieldText();
    }
    this.fields++;
    this.fieldBytes = 0;
    this.fieldValue = 0;
  }

  fieldText() {
    const shown = this.fieldStart.subarray(0, Math.min(this.fieldBytes, SHOWN_BYTES));
    return Buffer.from(shown).toString('utf8');
  }

  // The id in field `at`, or a CfgError saying why it is not one.
  id(at) {
    if (this.fieldIds[at] >= 0) return this.fieldIds[at];
    throw this.fail(`${JSON.stringify(this.fieldWords[at])} is not a block id ` +
                    `(a whole number from 0 to ${MAX_ID})`);
  }

  endLine() {
    this.endField();
    const word = this.fields === 2 ? this.fieldWords[0] : '';
    if (this.fields === 0) {
      // a blank line or a comment
    } else if (word === 'block') {
      const id = this.id(1);
      this.loneAt.push(this.froms.length);
      this.froms.push(id);
      this.tos.push(id);
    } else if (word === 'start') {
      if (this.start >= 0) throw this.fail(`a second start line (the first is line ${this.startLine})`);
      this.start = this.id(1);
      this.startLine = this.line;
    } else if (this.fields === 2) {
      const from = this.id(0);
      this.froms.push(from);
      this.tos.push(this.id(1));
    } else {
      throw this.fail("expected 'FROM TO', 'start ID' or 'block ID'");
    }
    this.line++;
    this.lineBytes = 0;
    this.inComment = false;
    this.fields = 0;
  }

  // The CFG, once the input has ended.
  end() {
    if (this.bomMatched > 0) this.scan(BOM.slice(0, this.bomMatched), 0);
    if (this.lineBytes > 0) this.endLine();
    if (this.start < 0) throw new CfgError(`${this.name}: no 'start ID' line`);
    const numbers = new DenseNumbers();
    numbers.numberOf(this.start);
    const froms = this.froms.data;
    const tos = this.tos.data;
    const edgeFrom = new U32List();
    const edgeTo = new U32List();
    const loneAt = this.loneAt.data;
    let nextLone = 0;
    let startNamed = false;
    for (let i = 0; i < this.froms.length; i++) {
      const from = froms[i];
      const to = tos[i];
      startNamed ||= from === this.start || to === this.start;
      const fromNumber = numbers.numberOf(from);
      if (nextLone < this.loneAt.length && loneAt[nextLone] === i) {
        nextLone++;
        continue;
      }
      edgeFrom.push(fromNumber);
      edgeTo.push(numbers.numberOf(to));
    }
    if (!startNamed) {
      throw new CfgError(`${this.name}:${this.startLine}: no edge or 'block' line ` +
                         `names start block ${this.start}`);
    }
    return new CfgFile(numbers.ids.toArray(), edgeFrom.toArray(), edgeTo.toArray());
  }
}
