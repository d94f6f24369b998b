/**
 * The gst-launch parser as a table: pipeline text → the graph gst_parse_launch builds (element names as
 * GStreamer 1.22 gave them in `gst-launch-1.0 -v` runs, creation order, typed properties, links), or the
 * positioned error. Plus the JSON graph form, 10,000-element chains and loops.
 */
import { describe, expect, it } from 'vitest';
import { defaultRegistry, negotiate, parseGraphJson, parseLaunch, type Graph } from '../../src/negotiation/index.js';

const registry = defaultRegistry();

function graphOf(text: string): Graph {
  const r = parseLaunch(text, registry);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.graph;
}

const linkText = (g: Graph): string[] => g.links.map((l) => `${l.src.element}${l.src.pad === undefined ? '' : `.${l.src.pad}`} -> ${l.sink.element}${l.sink.pad === undefined ? '' : `.${l.sink.pad}`}`);

describe('element names: per-type counters in creation order, as gst-launch-1.0 -v printed them', () => {
  it.each([
    // link capsfilters are created after every written element, in link order (capsfilter0 is the explicit one)
    ['videotestsrc ! video/x-raw ! capsfilter ! video/x-raw ! fakesink', ['videotestsrc0', 'capsfilter0', 'fakesink0', 'capsfilter1', 'capsfilter2']],
    // an explicit name= consumes no counter
    ['videotestsrc name=foo ! fakesink videotestsrc ! fakesink', ['foo', 'fakesink0', 'videotestsrc0', 'fakesink1']],
    // a type name ending in a digit gets a '-'
    ['videotestsrc ! queue2 ! fakesink', ['videotestsrc0', 'queue2-0', 'fakesink0']],
    // named after the GType, not the factory (GstInputSelector, GstIirEqualizer3Bands)
    ['videotestsrc ! input-selector ! fakesink audiotestsrc ! equalizer-3bands ! fakesink', ['videotestsrc0', 'inputselector0', 'fakesink0', 'audiotestsrc0', 'iirequalizer3bands0', 'fakesink1']],
    ['videotestsrc ! tee name=t t. ! queue ! fakesink t. ! queue ! fakesink', ['videotestsrc0', 't', 'queue0', 'fakesink0', 'queue1', 'fakesink1']],
    // references may come before the element they name; link capsfilters follow the link order
    [
      't. ! queue ! video/x-raw,width=100 ! fakesink videotestsrc ! tee name=t ! queue ! video/x-raw,width=100 ! fakesink',
      ['queue0', 'fakesink0', 'videotestsrc0', 't', 'queue1', 'fakesink1', 'capsfilter0', 'capsfilter1'],
    ],
  ])('%s', (text, names) => {
    expect(graphOf(text).order).toEqual(names);
  });
});

describe('links', () => {
  it.each([
    ['videotestsrc ! fakesink', ['videotestsrc0 -> fakesink0']],
    ['videotestsrc ! video/x-raw,format=I420 ! fakesink', ['videotestsrc0 -> capsfilter0', 'capsfilter0 -> fakesink0']],
    ['videotestsrc ! tee name=t t. ! queue ! fakesink t.src_5 ! fakesink', ['videotestsrc0 -> t', 't -> queue0', 'queue0 -> fakesink0', 't.src_5 -> fakesink1']],
    ['tee name=t ! queue ! fakesink videotestsrc ! t.', ['t -> queue0', 'queue0 -> fakesink0', 'videotestsrc0 -> t']],
    ['videotestsrc ! identity name=i i.src ! fakesink', ['videotestsrc0 -> i', 'i.src -> fakesink0']],
  ])('%s', (text, links) => {
    expect(linkText(graphOf(text))).toEqual(links);
  });

  it('keeps which link a capsfilter stands for, for "could not link X to Y"', () => {
    const g = graphOf('videotestsrc ! video/x-raw ! fakesink');
    expect(g.elements['capsfilter0']).toMatchObject({ factory: 'capsfilter', properties: { caps: 'video/x-raw' }, filterFor: { src: 'videotestsrc0', sink: 'fakesink0' } });
  });
});

describe('properties are typed by the registry PropertySpec', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! fakesink', 'videotestsrc0', { 'num-buffers': 1 }],
    ['videotestsrc pattern=ball ! fakesink', 'videotestsrc0', { pattern: 'ball' }],
    // enums by value too, stored by nick
    ['videotestsrc pattern=1 ! fakesink', 'videotestsrc0', { pattern: 'snow' }],
    ['videotestsrc is-live=true ! fakesink', 'videotestsrc0', { 'is-live': true }],
    ['videotestsrc ! fakesink sync=1', 'fakesink0', { sync: true }],
    ['audiotestsrc freq=440.5 volume=0.25 ! fakesink', 'audiotestsrc0', { freq: 440.5, volume: 0.25 }],
    ['videotestsrc ! capsfilter caps="video/x-raw, format=NV12, width=160" ! fakesink', 'capsfilter0', { caps: 'video/x-raw, format=NV12, width=160' }],
    ['videotestsrc ! videoflip video-direction=90r ! fakesink', 'videoflip0', { 'video-direction': '90r' }],
    ['videotestsrc foreground-color=0x80ffffff ! fakesink', 'videotestsrc0', { 'foreground-color': 0x80ffffff }],
  ])('%s', (text, element, properties) => {
    expect(graphOf(text).elements[element]?.properties).toEqual(properties);
  });
});

describe('errors are values with a position, never exceptions', () => {
  it.each([
    // [text, kind, message, offset, length]
    ['videotestsrc ! nosuchelement ! fakesink', 'no-element', 'no element "nosuchelement"', 15, 13],
    ['videotestsrc ! ! fakesink', 'syntax', 'syntax error', 15, 1],
    ['! fakesink', 'syntax', 'syntax error', 0, 1],
    ['videotestsrc !', 'syntax', 'syntax error', 14, 0],
    ['', 'syntax', 'empty pipeline', 0, 0],
    // two caps in a row: gst-launch reads the second media type as an element name
    ['videotestsrc ! video/x-raw,format=I420 ! video/x-raw,format=NV12 ! fakesink', 'no-element', 'no element "video"', 41, 5],
    ['videotestsrc nosuchproperty=1 ! fakesink', 'syntax', 'no property "nosuchproperty" in element "videotestsrc"', 13, 16],
    ['videotestsrc pattern=nosuchpattern ! fakesink', 'syntax', 'could not set property "pattern" in element "videotestsrc" to "nosuchpattern"', 13, 21],
    ['videotestsrc num-buffers=abc ! fakesink', 'syntax', 'could not set property "num-buffers" in element "videotestsrc" to "abc"', 13, 15],
    ['videotestsrc ! fakesink sync=maybe', 'syntax', 'could not set property "sync" in element "fakesink" to "maybe"', 24, 10],
    ['videotestsrc ! fakesink name=', 'no-element', 'no element "name"', 24, 4],
    // an unterminated quote is not a quoted value: the value runs to the next blank, quote and all
    ['videotestsrc ! capsfilter caps="video/x-raw ! fakesink', 'syntax', 'could not set property "caps" in element "capsfilter" to ""video/x-raw"', 26, 17],
    // quotes are not part of link caps in 1.22: the '"' is a token of its own (recorded)
    ['videotestsrc ! "video/x-raw(ANY)" ! videoconvert ! fakesink', 'syntax', 'syntax error', 15, 1],
  ])('%s', (text, kind, message, offset, length) => {
    const r = parseLaunch(text, registry);
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ kind, message, offset, length });
  });

  it('reports caps that do not parse where they are', () => {
    const r = parseLaunch('videotestsrc ! video/x-raw,width=[1 ! fakesink', registry);
    expect(r.error).toMatchObject({ kind: 'syntax', offset: 15, length: 20 });
  });
});

describe('long chains and loops', () => {
  it('parses and negotiates a 10,000-element chain without deep recursion', () => {
    const text = `videotestsrc num-buffers=1 ${'! queue '.repeat(10_000)}! fakesink`;
    const g = graphOf(text);
    expect(g.order.length).toBe(10_002);
    expect(g.order[10_000]).toBe('queue9999');
    const r = negotiate(text);
    expect(r.ok).toBe(true);
    // every queue pad carries the source's caps
    expect(r.pads['queue9999.src']).toBe(r.pads['videotestsrc0.src']);
  });

  it('a 10,000-element chain of syntax garbage is a positioned error', () => {
    const r = parseLaunch(`videotestsrc ${'! '.repeat(10_000)}`, registry);
    expect(r.error).toMatchObject({ kind: 'syntax', offset: 15 });
  });

  it('a gst-launch loop fails to link as GStreamer does (the pad is already linked)', () => {
    // gst-launch-1.0: "could not link queue0 to t"
    expect(negotiate('videotestsrc ! tee name=t t. ! queue ! t.').error).toMatchObject({ kind: 'link-failed', message: 'could not link queue0 to t' });
  });

  it('a JSON graph whose links form a loop is refused with the loop named', () => {
    const r = negotiate({
      elements: [{ factory: 'identity' }, { factory: 'identity' }],
      links: [
        { src: 'identity0', sink: 'identity1' },
        { src: 'identity1', sink: 'identity0' },
      ],
    });
    expect(r.error).toMatchObject({ kind: 'link-failed', message: 'the links form a loop: identity0 → identity1 → identity0' });
  });
});

describe('JSON graphs: validated with zod, errors carry the JSON path', () => {
  it('request pads by pattern are fine', () => {
    expect(negotiate({ elements: [{ factory: 'videotestsrc' }, { factory: 'tee' }, { factory: 'fakesink' }], links: [{ src: 'videotestsrc0', sink: 'tee0' }, { src: 'tee0.src_3', sink: 'fakesink0' }] }).pads['tee0.src_3']).toContain('video/x-raw');
  });

  it('builds the same graph as the launch text', () => {
    const r = parseGraphJson(
      {
        elements: [{ factory: 'videotestsrc', properties: { 'num-buffers': 1, pattern: 'ball' } }, { factory: 'fakesink' }],
        links: [{ src: 'videotestsrc0', sink: 'fakesink0', caps: 'video/x-raw,format=I420' }],
      },
      registry,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.graph.order).toEqual(['videotestsrc0', 'fakesink0', 'capsfilter0']);
    expect(r.graph.elements['videotestsrc0']?.properties).toEqual({ 'num-buffers': 1, pattern: 'ball' });
    expect(negotiate({ elements: [{ factory: 'videotestsrc' }, { factory: 'fakesink' }], links: [{ src: 'videotestsrc0', sink: 'fakesink0', caps: 'video/x-raw,format=I420' }] }).pads).toEqual(
      negotiate('videotestsrc ! video/x-raw,format=I420 ! fakesink').pads,
    );
  });

  it.each([
    [{ elements: [{ factory: 'nosuch' }] }, 'no-element', ['elements', 0, 'factory']],
    [{ elements: [{}] }, 'syntax', ['elements', 0, 'factory']],
    [{ elements: 'x' }, 'syntax', ['elements']],
    [{ elements: [{ factory: 'videotestsrc', properties: { bogus: 1 } }] }, 'syntax', ['elements', 0, 'properties', 'bogus']],
    [{ elements: [{ factory: 'videotestsrc', properties: { pattern: 'nope' } }] }, 'syntax', ['elements', 0, 'properties', 'pattern']],
    [{ elements: [{ factory: 'fakesink' }], links: [{ src: 'nothere', sink: 'fakesink0' }] }, 'no-element', ['links', 0, 'src']],
    [{ elements: [{ factory: 'fakesink' }, { factory: 'fakesink' }], links: [{ src: 'fakesink0', sink: 'fakesink1', caps: 'video/x-raw,width=[' }] }, 'syntax', ['links', 0, 'caps']],
    [{ elements: [{ factory: 'fakesink', name: 'a' }, { factory: 'fakesink', name: 'a' }] }, 'syntax', ['elements', 1, 'name']],
    [{ elements: [{ factory: 'tee' }, { factory: 'fakesink' }], links: [{ src: 'tee0.source', sink: 'fakesink0' }] }, 'no-pad', ['links', 0, 'src']],
    [{ elements: [{ factory: 'tee' }, { factory: 'fakesink' }], links: [{ src: 'tee0', sink: { element: 'fakesink0', pad: 'src' } }] }, 'no-pad', ['links', 0, 'sink']],
  ])('%j', (json, kind, path) => {
    const r = parseGraphJson(json, registry);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe(kind);
    expect(r.error.path).toEqual(path);
  });
});
