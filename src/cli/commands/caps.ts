// PLACEHOLDER: 'caps' is being written.
import type { Command } from '../io.js';
const run: Command = async (_args, io) => {
  io.stderr('capsflow caps: not available yet\n');
  return 2;
};
export default run;
