// A recursive program's Worker (driver.mjs runTask): performs one task on
// the big stack it was given and posts { value }, or { tooDeep: true } when
// the recursion outgrew even that stack.

import { parentPort, workerData } from 'node:worker_threads';
import { performTask } from './driver.mjs';

const { program } = await import(workerData.programUrl);
let reply;
try {
  reply = { value: performTask(program, workerData.task) };
} catch (error) {
  if (!(error instanceof RangeError && /call stack size/.test(error.message))) throw error;
  reply = { tooDeep: true };
}
parentPort.postMessage(reply);
