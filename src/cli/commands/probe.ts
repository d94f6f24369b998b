// PLACEHOLDER: 'probe' is being written.
import type { Command } from '../io.js';
const run: Command = async (_args, io) => {
  io.stderr('capsflow probe: not available yet\n');
  return 2;
};
export default run;
