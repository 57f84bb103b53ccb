// js-top's main: the shared harness (languages/js/havlak) runs it.
import { runProgram } from '../../havlak/driver.mjs';

await runProgram(new URL('./program.mjs', import.meta.url));
