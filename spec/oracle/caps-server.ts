/**
 * The caps oracle as a process: reads a JSON array of CapsCase on stdin, asks the libgstreamer-1.0.so.0 it
 * loads (gst.ts) each one, and prints one JSON line per case as it goes — `{"hazard":"…"}` for a question
 * GStreamer cannot be asked (the hazard filter of gst.ts), otherwise `{"answer":…}` — after a first line
 * naming the library's version. Bundled by gst126-caps.ts and run with the Debian 13 root's node, so the
 * answers are GStreamer 1.26's; a case that kills the process is the first one without a line.
 */
import { readFileSync, writeSync } from 'node:fs';
import koffi from 'koffi';
import type { CapsCase } from './cases.js';
import { caseHazard, oracleAnswer } from './differential.js';

const version = koffi.load('libgstreamer-1.0.so.0').func('const char *gst_version_string()')() as string;
writeSync(1, `${JSON.stringify({ version })}\n`);
const cases = JSON.parse(readFileSync(0, 'utf8')) as CapsCase[];
for (const c of cases) {
  const hazard = caseHazard(c);
  let line: unknown;
  if (hazard !== null) line = { hazard };
  else {
    try {
      line = { answer: oracleAnswer(c) };
    } catch (e) {
      line = { error: (e as Error).message };
    }
  }
  writeSync(1, `${JSON.stringify(line)}\n`);
}
