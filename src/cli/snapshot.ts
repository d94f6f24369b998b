/**
 * The entry of the CLI's V8 startup snapshot (issue 15, cold start). scripts/bundle-cli.mjs bundles this
 * file into one CommonJS script and runs `node --build-snapshot` on it at `npm run build` (so on the
 * user's machine, by the Node that will run it: a snapshot only loads in the Node build that made it).
 * The bin (dist/cli/bundle/capsflow, a small sh script) starts Node from that snapshot when it was made
 * by the Node on PATH in the same folder, and from the plain bundle (capsflow.js) otherwise.
 *
 * While building, the CLI runs a few questions with its output thrown away. That is not a cache of
 * answers: nothing a command computes is kept between calls (each call builds its own graph and
 * session). What it leaves in the heap is what every later run would load first: the modules,
 * initialised; the functions V8 compiled; the embedded registry's index and the factories those
 * pipelines name; the format tables. The deserialised process reads argv, env and the working directory
 * afresh (processIo), so the snapshot holds nothing of the machine that built it but file paths, which
 * the bin checks.
 */
import { startupSnapshot } from 'node:v8';
import type { CliIo } from './io.js';
import { main, runCli } from './main.js';

/** What the warm-up runs: the commands and element families a cold `capsflow` call most often meets. */
const WARM_UP: readonly (readonly string[])[] = [
  ['negotiate', 'videotestsrc num-buffers=1 ! videoconvert ! videoscale ! video/x-raw,width=320,height=240 ! fakesink'],
  ['negotiate', 'audiotestsrc num-buffers=1 ! audioconvert ! audioresample ! audio/x-raw,rate=16000,channels=2 ! fakesink'],
  ['negotiate', 'videotestsrc num-buffers=1 ! tee name=t t. ! queue ! videoconvert ! fakesink t. ! queue ! fakesink'],
  ['negotiate', 'videotestsrc num-buffers=1 ! video/x-raw,width=320,height=240 ! videoconvert ! jpegenc ! fakesink'],
  ['negotiate', '--format', 'json', 'videotestsrc ! x264enc ! h264parse ! fakesink'],
  ['caps', 'intersect', 'video/x-raw, format={ I420, NV12 }, width=[ 1, 4096 ]', 'video/x-raw, format=NV12, width=1920'],
];

if (startupSnapshot.isBuildingSnapshot()) {
  const quiet: CliIo = { stdout: () => {}, stderr: () => {}, isTTY: false, color: false, env: {}, cwd: '/' };
  let warm: Promise<unknown> = Promise.resolve();
  for (const argv of WARM_UP) warm = warm.then(() => main(argv, quiet));
  // a warm-up that throws leaves the snapshot colder, never broken: the build goes on
  warm.catch(() => {});
  // `node --snapshot-blob B -- ARGS`: process.argv is [node, ...ARGS]
  startupSnapshot.setDeserializeMainFunction(() => runCli(process.argv.slice(1)));
}
