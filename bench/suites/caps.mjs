// Caps engine vs libgstreamer on the real pad-template corpus: parse, parse+print, all-pairs
// intersect, all-pairs isSubset, fixate. The same strings, the same loops, the same checksums.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT, checks, compileC, ensureDir, isNotImplemented, loadPackage, jsTimer, op, rate, runC, runCText, timing } from '../lib.mjs';

const REGISTRY = join(ROOT, 'fixtures', 'registry', 'gstreamer-1.22.json');
const TEMPLATES = join(ROOT, 'fixtures', 'caps', 'templates.json');

// Every string under a `caps` key (registry snapshot), or every string of a plain list (templates.json).
function collectCaps(node, out, underCaps = false) {
  if (typeof node === 'string') {
    if (underCaps) out.push(node);
  } else if (Array.isArray(node)) {
    for (const x of node) collectCaps(x, out, underCaps);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) collectCaps(v, out, k === 'caps');
  }
}

function fromJson(file, topLevelStrings) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const out = [];
  collectCaps(data, out, topLevelStrings && Array.isArray(data));
  return out;
}

/** The distinct template caps strings, sorted by bytes, and where they came from. */
function loadCorpus(notes) {
  let strings;
  let source;
  if (existsSync(REGISTRY)) {
    strings = fromJson(REGISTRY, false);
    source = 'fixtures/registry/gstreamer-1.22.json';
  }
  if ((!strings || strings.length === 0) && existsSync(TEMPLATES)) {
    strings = fromJson(TEMPLATES, true);
    source = 'fixtures/caps/templates.json';
  }
  if (!strings || strings.length === 0) {
    // Not the pinned corpus: the installed registry's templates, printed by GStreamer itself.
    const dump = compileC('templates');
    if (!dump.ok) return { lines: [], source: `none (${dump.reason})` };
    strings = runCText(dump.path, []).split('\n');
    source = 'the installed registry (FALLBACK: neither fixtures/registry/gstreamer-1.22.json nor fixtures/caps/templates.json exists yet)';
  }
  const distinct = [...new Set(strings)].filter((s) => s !== '');
  const lines = distinct.filter((s) => !/[\r\n]/.test(s));
  lines.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (lines.length < distinct.length) notes.push(`${distinct.length - lines.length} multi-line caps strings left out (the C side reads lines)`);
  return { lines, source };
}

export async function run({ quick }) {
  const notes = [];
  const corpus = loadCorpus(notes);
  notes.push(`corpus: ${corpus.lines.length} distinct template caps strings from ${corpus.source}`);
  if (corpus.lines.length === 0) return { suite: 'caps', ops: [], notes };

  const cbin = compileC('caps');
  if (!cbin.ok) notes.push(`GStreamer C baseline skipped: ${cbin.reason}`);
  const pkg = await loadPackage();
  const Caps = pkg.ok ? pkg.mod.Caps : undefined;
  if (!pkg.ok) notes.push(`capsflow not available: ${pkg.reason}`);

  ensureDir(BUILD);
  const write = (name, lines) => {
    const file = join(BUILD, name);
    writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
    return file;
  };
  const allFile = write('caps-corpus.txt', corpus.lines);

  // Which strings parse (and which are ANY) decides the pair and fixate workloads; GStreamer says so.
  let kinds;
  if (cbin.ok) kinds = runC(cbin.path, ['classify', allFile, '0'])[0].kinds;
  else if (Caps) kinds = corpus.lines.map((s) => classifyJs(Caps, s)).join('');
  else return { suite: 'caps', ops: [], notes };
  const unparsable = [...kinds].filter((k) => k === '-').length;
  if (unparsable) notes.push(`${unparsable} corpus strings do not parse in GStreamer: only parse/print see them`);

  const parsed = corpus.lines.filter((_s, i) => kinds[i] !== '-');
  // Quick mode: every third caps for the all-pairs ops (about a ninth of the pairs), same on both sides.
  const pairLines = quick ? parsed.filter((_s, i) => i % 3 === 0) : parsed;
  const fixateLines = corpus.lines.filter((_s, i) => kinds[i] === 'y' || kinds[i] === 'E');
  const pairsFile = write('caps-pairs.txt', pairLines);
  const fixateFile = write('caps-fixate.txt', fixateLines);
  notes.push(
    `all-pairs: ${pairLines.length}² = ${pairLines.length ** 2} ordered pairs${quick ? ' (quick: every third parsable caps)' : ' (every parsable caps)'}; ` +
      `fixate: ${fixateLines.length} caps (ANY left out: gst_caps_fixate refuses it)`,
  );

  // best of `rounds` rounds per side (see lib.rate): about 1 s per side and op, 0.15 s quick
  const roundSeconds = quick ? 0.05 : 0.2;
  const rounds = quick ? 3 : 5;
  const warmupSeconds = quick ? 0.1 : 0.5;
  const ops = [];

  const details = {};
  // After a mismatch: both sides' per-item answers (GStreamer's from `caps detail-OP`), first few differences.
  const explain = (name, cOp, cFile, inputs, jsValues) => {
    try {
      const c = runC(cbin.path, [`detail-${cOp}`, cFile, '0'], { timeoutMs: 600_000 })[0].values;
      const pairs = cOp === 'intersect' || cOp === 'subset';
      const n = inputs.length;
      const diffs = [];
      for (let k = 0; k < c.length; k++) {
        if (c[k] === jsValues[k]) continue;
        const i = pairs ? Math.floor(k / n) : k;
        const j = pairs ? k % n : null;
        diffs.push({ i, j, gstreamer: c[k], capsflow: jsValues[k] });
      }
      details[name] = { differing: diffs.length, first: diffs.slice(0, 20).map((d) => ({ ...d, a: inputs[d.i], ...(d.j != null ? { b: inputs[d.j] } : {}) })) };
      const short = (x) => (x.length > 160 ? `${x.slice(0, 160)}…` : x);
      notes.push(
        `${name}: ${diffs.length} items differ (per item: ${describeDetail(cOp)}); first ones:\n      ` +
          diffs
            .slice(0, 5)
            .map((d) => `GStreamer ${d.gstreamer}, capsflow ${d.capsflow}: ${d.j == null ? short(inputs[d.i]) : d.i === d.j ? `a caps with itself (same object / same pointer): ${short(inputs[d.i])}` : `${short(inputs[d.i])}  WITH  ${short(inputs[d.j])}`}`)
            .join('\n      '),
      );
    } catch (e) {
      notes.push(`${name}: could not list the differing items: ${e.message}`);
    }
  };

  const bench = (name, unit, cOp, cFile, n, makePass, opts = {}) => {
    const row = { name, unit, target: 1.5 };
    const errors = [];
    let timer = null;
    let note;
    if (Caps) {
      try {
        timer = jsTimer(makePass().pass, { warmupSeconds, warmupOps: 50_000, opsPerPass: n });
      } catch (e) {
        if (isNotImplemented(e)) note = `capsflow: not available (${e.message})`;
        else errors.push(`capsflow: ${e.stack ?? e.message}`);
      }
    } else {
      note = 'capsflow: not available';
    }
    let c = null;
    let js = null;
    let cFailed = !cbin.ok;
    const cRound = () => {
      if (cFailed) return null;
      try {
        return runC(cbin.path, [cOp, cFile, String(roundSeconds), '1'])[0];
      } catch (e) {
        cFailed = true;
        errors.push(`C: ${e.message}`);
        return null;
      }
    };
    // C and JS rounds alternate; a JS pass that throws mid-way is a crash
    try {
      const cRounds = [];
      const jsRounds = [];
      let raw = null;
      for (let r = 0; r < rounds; r++) {
        const one = cRound();
        if (one) {
          raw = one;
          cRounds.push(...one.rounds);
        }
        if (timer) jsRounds.push(timer.round(roundSeconds));
      }
      if (raw) c = { ...rate({ opsPerPass: raw.opsPerPass, rounds: cRounds }), checksum: raw.checksum };
      if (timer) {
        js = { ...rate({ opsPerPass: n, rounds: jsRounds }), checksum: timer.checksum };
        if (opts.extra) js.checksum = { ...js.checksum, ...opts.extra() };
      }
    } catch (e) {
      errors.push(`capsflow: ${e.stack ?? e.message}`);
    }
    if (errors.length) row.error = errors.join('; ');
    const result = op({
      ...row,
      capsflow: js?.opsPerSec ?? null,
      gstreamer: c?.opsPerSec ?? null,
      checks: checks(js?.checksum, c?.checksum),
      note,
      timing: timing(js, c),
    });
    ops.push({ ...result, ...(row.error ? { error: row.error } : {}) });
    if (result.checks.equal === false && opts.detail) explain(name, cOp, cFile, opts.inputs, opts.detail());
  };

  if (!Caps) {
    for (const [name, unit, cOp, file, n] of [
      ['parse', 'caps/s', 'parse', allFile, corpus.lines.length],
      ['parse+print', 'caps/s', 'print', allFile, corpus.lines.length],
      ['intersect (all pairs)', 'pairs/s', 'intersect', pairsFile, pairLines.length ** 2],
      ['isSubset (all pairs)', 'pairs/s', 'subset', pairsFile, pairLines.length ** 2],
      ['fixate', 'caps/s', 'fixate', fixateFile, fixateLines.length],
    ]) {
      bench(name, unit, cOp, file, n, () => {
        throw new Error('not implemented: capsflow package not loadable');
      });
    }
    return { suite: 'caps', ops, notes };
  }

  const lines = corpus.lines;
  bench('parse', 'caps/s', 'parse', allFile, lines.length, () => ({
    pass: () => {
      let a = 0;
      let b = 0;
      for (const s of lines) {
        const r = Caps.parse(s);
        if (r.ok) {
          a++;
          b += r.caps.size;
        }
      }
      return { a, b };
    },
  }), { inputs: lines, detail: () => lines.map((s) => { const r = Caps.parse(s); return r.ok ? r.caps.size : -1; }) });

  bench('parse+print', 'caps/s', 'print', allFile, lines.length, () => ({
    pass: () => {
      let a = 0;
      let b = 0;
      for (const s of lines) {
        const r = Caps.parse(s);
        if (r.ok) {
          a++;
          // strlen in C: bytes, not UTF-16 units
          b += Buffer.byteLength(r.caps.toString());
        }
      }
      return { a, b };
    },
  }), { inputs: lines, detail: () => lines.map((s) => { const r = Caps.parse(s); return r.ok ? Buffer.byteLength(r.caps.toString()) : -1; }) });

  // Parsed outside the timed loop, as in C.
  const parseAll = (ls) => ls.map((s) => Caps.fromString(s));
  bench('intersect (all pairs)', 'pairs/s', 'intersect', pairsFile, pairLines.length ** 2, () => {
    const caps = parseAll(pairLines);
    return {
      pass: () => {
        let a = 0;
        let b = 0;
        for (const x of caps) {
          for (const y of caps) {
            const r = x.intersect(y);
            if (!r.isEmpty()) {
              a++;
              b += r.isAny() ? 0 : r.size;
            }
          }
        }
        return { a, b };
      },
    };
  }, {
    inputs: pairLines,
    detail: () => {
      const caps = parseAll(pairLines);
      return caps.flatMap((x) => caps.map((y) => { const r = x.intersect(y); return r.isEmpty() ? -1 : r.isAny() ? 0 : r.size; }));
    },
  });

  bench('isSubset (all pairs)', 'pairs/s', 'subset', pairsFile, pairLines.length ** 2, () => {
    const caps = parseAll(pairLines);
    return {
      pass: () => {
        let a = 0;
        for (const x of caps) for (const y of caps) if (x.isSubset(y)) a++;
        return { a, b: 0 };
      },
    };
  }, {
    inputs: pairLines,
    detail: () => {
      const caps = parseAll(pairLines);
      return caps.flatMap((x) => caps.map((y) => (x.isSubset(y) ? 1 : 0)));
    },
  });

  let fixateCaps;
  bench(
    'fixate',
    'caps/s',
    'fixate',
    fixateFile,
    fixateLines.length,
    () => {
      fixateCaps = parseAll(fixateLines);
      return {
        pass: () => {
          let a = 0;
          let b = 0;
          for (const c of fixateCaps) {
            const f = c.fixate();
            if (f.isFixed()) a++;
            b += f.size;
          }
          return { a, b };
        },
      };
    },
    // what C checks untimed: the printed fixated caps, total length
    {
      extra: () => ({ printed: fixateCaps.reduce((n, c) => n + Buffer.byteLength(c.fixate().toString()), 0) }),
      inputs: fixateLines,
      detail: () => parseAll(fixateLines).map((c) => Buffer.byteLength(c.fixate().toString())),
    },
  );

  return { suite: 'caps', ops, notes, details };
}

function describeDetail(cOp) {
  return {
    parse: 'structures, -1 = does not parse',
    print: 'printed bytes, -1 = does not parse',
    intersect: 'structures in the intersection, -1 = EMPTY, 0 = ANY',
    subset: '1 = is a subset',
    fixate: 'printed bytes of the fixated caps',
  }[cOp];
}

function classifyJs(Caps, s) {
  try {
    const r = Caps.parse(s);
    if (!r.ok) return '-';
    return r.caps.isAny() ? 'A' : r.caps.isEmpty() ? 'E' : 'y';
  } catch {
    return '-';
  }
}
