/**
 * `capsflow caps OP CAPS [CAPS]`: the caps calculator. Prints what gst_caps_to_string prints, so answers can
 * be compared with GStreamer's character for character.
 */
import { Caps } from '../../caps/caps.js';
import type { CapsRelease } from '../../caps/ops.js';
import { formatIssues, type CapsIssue } from '../../caps/issues.js';
import { checkDrmCaps } from '../../caps/drm.js';
import { caret, style } from '../format.js';
import { UsageError, type CliIo, type Command, parseCommandArgs } from '../io.js';

const HELP = `usage: capsflow caps OPERATION CAPS [CAPS] [--mode zigzag|first] [--json]

The caps calculator: GStreamer's caps algebra on caps strings, answers printed as gst_caps_to_string does.

operations:
  parse CAPS          parse and print CAPS in GStreamer's form
  intersect A B       A ∩ B (gst_caps_intersect_full; --mode first keeps A's order)
  subset A B          is A a subset of B? (gst_caps_is_subset)
  equal A B           do A and B describe the same set? (gst_caps_is_equal)
  subtract A B        A − B (gst_caps_subtract)
  merge A B           A then what of B A does not already cover (gst_caps_merge)
  normalize CAPS      one structure per list item (gst_caps_normalize)
  simplify CAPS       fewer structures, same set (gst_caps_simplify)
  fixate CAPS         one fixed structure (gst_caps_fixate)
  check-drm CAPS      the DMA_DRM rules (format=DMA_DRM, drm-format=FOURCC[:0xMODIFIER]; GStreamer 1.24+)

options:
  --mode zigzag|first intersection mode (default zigzag, as gst_caps_intersect)
  --gst 1.22|1.26     answer as that GStreamer release (default 1.22; 1.26 simplifies differently)
  --json              print the answer as JSON
  -h, --help          this help

examples:
  capsflow caps parse 'video/x-raw,width=320,height=240'
  capsflow caps intersect 'video/x-raw,format={NV12,I420}' 'video/x-raw,format=I420'
  capsflow caps subset 'video/x-raw,width=320' 'video/x-raw,width=[1,4096]'
  capsflow caps fixate 'video/x-raw,width=[1,4096],framerate=[0/1,60/1]' --json

exit status:
  0  the answer is non-empty caps, or true
  1  the answer is EMPTY, or false, or check-drm found issues
  2  bad usage, or caps that do not parse (the caret marks where)
`;

type Arity = 1 | 2;
const OPERATIONS: Record<string, Arity> = {
  parse: 1,
  intersect: 2,
  subset: 2,
  equal: 2,
  subtract: 2,
  merge: 2,
  normalize: 1,
  simplify: 1,
  fixate: 1,
  'check-drm': 1,
};

const run: Command = async (args, io) => {
  const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, mode: { type: 'string' }, gst: { type: 'string' } });
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  const [op, ...operands] = positionals;
  if (op === undefined) throw new UsageError('missing OPERATION (parse, intersect, subset, equal, subtract, merge, normalize, simplify, fixate, check-drm)');
  const arity = OPERATIONS[op];
  if (arity === undefined) throw new UsageError(`unknown operation '${op}'`);
  if (operands.length !== arity) throw new UsageError(`'${op}' takes ${arity === 1 ? 'one caps string' : 'two caps strings'}, got ${operands.length}`);
  const mode = values.mode ?? 'zigzag';
  if (mode !== 'zigzag' && mode !== 'first') throw new UsageError(`--mode must be zigzag or first, not '${mode}'`);
  if (values.mode !== undefined && op !== 'intersect') throw new UsageError('--mode applies to intersect only');
  const release = values.gst ?? '1.22';
  if (release !== '1.22' && release !== '1.26') throw new UsageError(`--gst takes 1.22 or 1.26, got '${release}'`);
  const json = values.json === true;
  return op === 'check-drm' ? checkDrm(operands[0] as string, io, json) : calculate(op, operands, mode, io, json, release);
};

function parseOperands(operands: readonly string[], io: CliIo, json: boolean): Caps[] | null {
  const st = style({ color: io.color && !json });
  const caps: Caps[] = [];
  const errors: { argument: number; input: string; issues: readonly CapsIssue[] }[] = [];
  operands.forEach((text, i) => {
    const r = Caps.parse(text);
    if (r.ok) caps.push(r.caps);
    else errors.push({ argument: i + 1, input: text, issues: r.issues });
  });
  if (errors.length === 0) return caps;
  for (const e of errors) {
    io.stderr(`${st.red('error')}: caps argument ${e.argument} does not parse:\n${formatIssues(e.input, e.issues)}\n`);
  }
  if (json) io.stdout(`${JSON.stringify({ ok: false, error: { kind: 'parse', arguments: errors } }, null, 2)}\n`);
  return null;
}

function calculate(op: string, operands: readonly string[], mode: 'zigzag' | 'first', io: CliIo, json: boolean, release: CapsRelease): number {
  const caps = parseOperands(operands, io, json);
  if (caps === null) return 2;
  const [a, b] = caps as [Caps, Caps | undefined];
  const other = (): Caps => b as Caps;
  let answer: Caps | boolean;
  try {
    switch (op) {
      case 'parse':
        answer = a;
        break;
      case 'intersect':
        answer = a.intersect(other(), mode);
        break;
      case 'subset':
        answer = a.isSubset(other());
        break;
      case 'equal':
        answer = a.isEqual(other());
        break;
      case 'subtract':
        answer = a.subtract(other());
        break;
      case 'merge':
        answer = a.merge(other());
        break;
      case 'normalize':
        answer = a.normalize();
        break;
      case 'simplify':
        answer = a.simplify(release);
        break;
      case 'fixate':
        if (a.isAny()) {
          io.stderr('error: ANY caps cannot be fixated (gst_caps_fixate refuses ANY)\n');
          return 2;
        }
        answer = a.fixate();
        break;
      default:
        throw new UsageError(`unknown operation '${op}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    io.stderr(`error: ${op} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const negative = typeof answer === 'boolean' ? !answer : answer.isEmpty();
  if (json) {
    const result =
      typeof answer === 'boolean'
        ? { operation: op, inputs: caps.map(String), result: answer }
        : { operation: op, inputs: caps.map(String), result: answer.toString(), any: answer.isAny(), empty: answer.isEmpty(), fixed: !answer.isAny() && !answer.isEmpty() && answer.isFixed(), size: answer.size };
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    io.stdout(`${typeof answer === 'boolean' ? String(answer) : answer.toString()}\n`);
  }
  return negative ? 1 : 0;
}

function checkDrm(text: string, io: CliIo, json: boolean): number {
  const caps = parseOperands([text], io, json);
  if (caps === null) return 2;
  const issues = checkDrmCaps(text);
  if (json) io.stdout(`${JSON.stringify({ operation: 'check-drm', input: text, ok: issues.length === 0, issues }, null, 2)}\n`);
  else if (issues.length === 0) io.stdout('ok: follows the DMA_DRM rules\n');
  else for (const i of issues) io.stdout(`✖ ${i.message} (${i.code})\n${caret(text, i.offset, i.length)}`);
  return issues.length === 0 ? 0 : 1;
}

export default run;
