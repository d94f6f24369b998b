/**
 * gst-launch syntax as GStreamer 1.22 reads it, as tables: how its flex scanner cuts text into tokens
 * (recorded with GST_DEBUG=GST_PIPELINE:5, which prints every token), and what gst-launch-1.0 answers for
 * pipelines that exercise the grammar (the first error it reports, recorded from gst-launch-1.0 -v).
 */
import { describe, expect, it } from 'vitest';
import { defaultRegistry, negotiate, parseLaunch } from '../../src/negotiation/index.js';
import { lexLaunch, splitAssignment } from '../../src/negotiation/launch/launch-lexer.js';

const registry = defaultRegistry();
const tokens = (text: string): string[] => lexLaunch(text).map((t) => `${t.kind} ${t.text}`);

describe('tokens: longest match, first rule on ties (parse.l), as GST_PIPELINE debug printed them', () => {
  it.each([
    ['compositor name=m sink_0::xpos=10 ! fakesink', ['IDENTIFIER compositor', 'ASSIGNMENT name=m', 'ASSIGNMENT sink_0::xpos=10', 'LINK !', 'IDENTIFIER fakesink']],
    ['a.b.c', ['REF a.b', 'PADREF .c']],
    ['x:y 1abc _x x%y', ['IDENTIFIER x:y', 'IDENTIFIER 1abc', 'IDENTIFIER _x', 'IDENTIFIER x%y']],
    ['a ! : b', ['IDENTIFIER a', 'LINK !', 'LINK_ALL :', 'IDENTIFIER b']],
    ['a. ( b )', ['BINREF a. (', 'IDENTIFIER b', 'OPERATOR )']],
    ['x/y', ['IDENTIFIER x', 'URL /y']],
    ['file:///x', ['URL file:///x']],
    ['a=b=c', ['ASSIGNMENT a=b=c']],
    ['a = b', ['ASSIGNMENT a = b']],
    ['a= "b c"', ['ASSIGNMENT a= "b c"']],
    ['a=b\\ c', ['ASSIGNMENT a=b\\ c']],
    // the value runs to the next blank: '!' included
    ['fakesrc num-buffers=1! fakesink', ['IDENTIFIER fakesrc', 'ASSIGNMENT num-buffers=1!', 'IDENTIFIER fakesink']],
    // link caps run over blanks to the next '!'; quotes are not special in them
    ['a ! video/x-raw, width=1 ! b', ['IDENTIFIER a', 'LINK ! video/x-raw, width=1 !', 'IDENTIFIER b']],
    ['a ! video/x-raw,format="A!B" ! b', ['IDENTIFIER a', 'LINK ! video/x-raw,format="A!', 'IDENTIFIER B', 'INVALID "', 'LINK !', 'IDENTIFIER b']],
    ['a ! "video/x-raw" ! b', ['IDENTIFIER a', 'LINK !', 'INVALID "', 'IDENTIFIER video', 'URL /x-raw"', 'LINK !', 'IDENTIFIER b']],
    ['a ! video/x-raw ; audio/x-raw ! b', ['IDENTIFIER a', 'LINK ! video/x-raw ; audio/x-raw !', 'IDENTIFIER b']],
    // ';' must start another caps: otherwise the link is the bare '!'
    ['a ! video/x-raw;foo ! b', ['IDENTIFIER a', 'LINK !', 'IDENTIFIER video', 'URL /x-raw;foo', 'LINK !', 'IDENTIFIER b']],
    ['a ! video/x-raw : b', ['IDENTIFIER a', 'LINK ! video/x-raw :', 'IDENTIFIER b']],
    ['fakesrc @preset = x', ['IDENTIFIER fakesrc', 'PRESET @preset = x']],
    ['{ a }', ['OPERATOR {', 'IDENTIFIER a', 'OPERATOR }']],
  ])('%s', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  it.each([
    ['name="a\\"b"', { name: 'name', value: 'a"b' }],
    ['name=a\\ b', { name: 'name', value: 'a b' }],
    ["name='b c'", { name: 'name', value: "'b c'" }],
    ['name = x', { name: 'name', value: 'x' }],
    ['name="abc', { name: 'name', value: '"abc' }],
  ])('gst_parse_split_assignment %s', (text, expected) => {
    expect(splitAssignment(text)).toEqual(expected);
  });
});

describe('what gst-launch-1.0 answers: the first error it reports (recorded)', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! "video/x-raw,width=100" ! fakesink', 'syntax', 'syntax error'],
    ['videotestsrc num-buffers=1 ! fakesink !', 'syntax', 'syntax error'],
    ['videotestsrc num-buffers=1 ! ( fakesink', 'syntax', 'syntax error'],
    ['videotestsrc num-buffers=1 ! fakesink )', 'syntax', 'syntax error'],
    ['videotestsrc num-buffers=1 ! ( ) ! fakesink', 'syntax', 'specified empty bin "bin", not allowed'],
    ['videotestsrc num-buffers=1 ! { fakesink }', 'syntax', 'syntax error'],
    ['videotestsrc num-buffers=1 ! fakesink name=s s.', 'syntax', 'unexpected reference "s" - ignoring'],
    ['videotestsrc num-buffers=1 ! fakesink .sink', 'syntax', 'unexpected pad-reference "sink" - ignoring'],
    ['videotestsrc num-buffers=1 ! video/x-raw width=100 ! fakesink', 'syntax', 'could not parse caps "video/x-raw width=100"'],
    ['videotestsrc num-buffers=1! fakesink', 'syntax', 'could not set property "num-buffers" in element "videotestsrc" to "1!"'],
    ['videotestsrc num-buffers=1 @preset=foo ! fakesink', 'syntax', 'Element "videotestsrc0" is not a GstPreset'],
    ['videotestsrc num-buffers=1 ! identity drop-buffer-flags=delta-unit|header ! fakesink', 'syntax', 'could not set property "drop-buffer-flags" in element "identity" to "delta-unit|header"'],
    ['videotestsrc num-buffers=1 ! video/x-raw;foo ! fakesink', 'no-element', 'no element "video"'],
    ['nosuchbin.( videotestsrc num-buffers=1 ! fakesink )', 'no-element', 'no bin "nosuchbin", unpacking elements'],
    ['t. ! fakesink', 'no-element', 'No src-element named "t" - omitting link'],
    // GStreamer names the sink with the source's name (NULL for an element): sic
    ['videotestsrc ! x.', 'no-element', 'No sink-element named "(null)" - omitting link'],
    // the second "a" is refused by gst_bin_add: links to it fail
    ['videotestsrc num-buffers=1 ! fakesink name=a videotestsrc num-buffers=1 ! fakesink name=a', 'link-failed', 'could not link videotestsrc1 to a'],
    ['videotestsrc num-buffers=1 ! fakesink name=videotestsrc0', 'link-failed', 'could not link videotestsrc0 to videotestsrc0'],
    ['videotestsrc num-buffers=1 ! identity name=fakesink0 ! fakesink', 'link-failed', 'could not link fakesink0 to fakesink0'],
    // a bin whose name is taken is refused with everything in it
    ['videotestsrc num-buffers=1 ! ( name=a identity ) ! ( name=a identity ) ! fakesink', 'link-failed', 'could not link identity0 to identity1'],
  ])('%s', (text, kind, message) => {
    const r = negotiate(text);
    expect(r.ok).toBe(false);
    expect(r.error?.kind).toBe(kind);
    // capsflow may say more after GStreamer's words (why the caps do not parse)
    expect(r.error?.message.startsWith(message)).toBe(true);
  });

  it.each([
    'videotestsrc num-buffers=1 : fakesink',
    'videotestsrc num-buffers=1 ! video/x-raw : fakesink',
    'videotestsrc num-buffers=1 ! video/x-raw ; video/x-bayer ! fakesink',
    'videotestsrc num-buffers=1 ! fakesink name=a\\ b',
    'videotestsrc num-buffers=1 name="abc ! fakesink',
    'videotestsrc num-buffers=1 ! .sink fakesink',
    'videotestsrc num-buffers=1 ! tee name=t t.src_0,src_1 ! fakesink',
    'v.src ! s.sink fakesink name=s videotestsrc num-buffers=1 name=v',
    // out of the GParamSpec's range: g_object_set warns and keeps the default
    'audiotestsrc num-buffers=1 volume=20 ! fakesink',
    'videotestsrc num-buffers=1 ! fakesink name=NULL',
    // a GstChildProxy's child property waits for the child: never an error at parse time
    'compositor name=m sink_0::nosuch=1 ! fakesink videotestsrc num-buffers=1 ! m.sink_0',
    'videotestsrc num-buffers=1 ! ( identity ) ! fakesink',
    'pipeline.( videotestsrc num-buffers=1 ! fakesink )',
  ])('negotiates: %s', (text) => {
    expect(negotiate(text).error).toBeNull();
  });
});

describe('names, child properties and bins', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! fakesink name=a\\ b', 'a b'],
    ['videotestsrc num-buffers=1 ! fakesink name="a\\"b"', 'a"b'],
    ['videotestsrc num-buffers=1 ! fakesink name=NULL', 'fakesink0'],
    ['videotestsrc num-buffers=1 name="abc ! fakesink', '"abc'],
    // an element takes its first name=, a bin (named after it is made) its last
    ['videotestsrc num-buffers=1 ! fakesink name=a name=b', 'a'],
  ])('%s names %s', (text, name) => {
    const r = parseLaunch(text, registry);
    expect(r.ok && r.graph.order).toContain(name);
  });

  it('keeps child::property assignments of a GstChildProxy by child', () => {
    const r = parseLaunch('compositor name=m sink_0::xpos=10 sink_0::ypos=20 sink_1::alpha=0.5 ! fakesink', registry);
    expect(r.ok && r.graph.elements['m']?.padProperties).toEqual({ sink_0: { xpos: '10', ypos: '20' }, sink_1: { alpha: '0.5' } });
  });

  it('an element that is no GstChildProxy has no such property', () => {
    expect(parseLaunch('videotestsrc ! fakesink sink::sync=true', registry).error).toMatchObject({ kind: 'syntax', message: 'no property "sink::sync" in element "fakesink"' });
  });

  it('pads inside bins are keyed by the bin path; links across bins go through ghost pads ghost0, ghost1 … (gst-launch-1.0 -v)', () => {
    const r = negotiate('( name=b videotestsrc num-buffers=1 ) ! ( identity ) ! fakesink');
    expect(Object.keys(r.pads).sort()).toEqual(['b.ghost0', 'b/videotestsrc0.src', 'bin1.ghost1', 'bin1.ghost2', 'bin1/identity0.sink', 'bin1/identity0.src', 'fakesink0.sink']);
    // links name pads by element; their caps are there as for any link
    expect(r.links.map((l) => l.caps)).toEqual([r.pads['b/videotestsrc0.src'], r.pads['bin1/identity0.src']]);
  });

  it('a bin is made after its elements and always takes a counter, even when named', () => {
    const r = parseLaunch('( name=b videotestsrc ) ! ( identity ) ! fakesink', registry);
    expect(r.ok && r.graph.elements['identity0']?.bin).toBe('bin1');
  });
});
