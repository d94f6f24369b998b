/**
 * Bad input through the API never throws, never reaches Object.prototype, and is refused where GStreamer
 * refuses it (issue 17): deep bins, input names equal to Object.prototype members, numbers a property's
 * type cannot hold, request pad names beyond the template's specifier, template caps that do not parse.
 * What gst-launch-1.0 1.22 does with each number and pad name is checked live in
 * spec/oracle/bounds-oracle.spec.ts; the tables here are its answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { MAX_BIN_DEPTH } from '../../src/negotiation/launch/launch.js';
import { isValidRequestPadName } from '../../src/negotiation/engine/pad-names.js';
import { DEFAULT_REGISTRY_URL, Registry, RegistryError } from '../../src/negotiation/registry/registry.js';

const nested = (depth: number): string => `videotestsrc ! ${'( '.repeat(depth)}identity${' )'.repeat(depth)} ! fakesink`;

describe('bins nested deeper than the parser recurses: a positioned syntax error, never a RangeError', () => {
  it.each([MAX_BIN_DEPTH + 1, 1_500, 20_000])('%i levels', (depth) => {
    const text = nested(depth);
    const r = negotiate(text);
    expect(r.ok).toBe(false);
    expect(r.error?.kind).toBe('syntax');
    expect(r.error?.message).toMatch(/nested deeper than 256 levels/);
    // the caret is at the '(' that goes one level too deep
    const offset = 'videotestsrc ! '.length + 2 * MAX_BIN_DEPTH;
    expect(r.error?.offset).toBe(offset);
    expect(text[offset]).toBe('(');
  });

  it('a JSON graph nested a million levels deep is refused at its first level (JSON.parse and zod do not recurse into it)', () => {
    const deep = JSON.parse(`{"elements":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`) as object;
    const r = negotiate(deep as Parameters<typeof negotiate>[0]);
    expect(r.error?.kind).toBe('syntax');
    expect(r.error?.message).toBe('$.elements[0]: Invalid input: expected object, received array');
  });

  it(`${MAX_BIN_DEPTH} levels negotiate, the identity inside them all`, () => {
    const r = negotiate(nested(MAX_BIN_DEPTH));
    expect(r.error).toBeNull();
    expect(Object.keys(r.pads).some((p) => p.endsWith('identity0.src'))).toBe(true);
  });
});

function registryWith(names: readonly string[], mutate?: (json: { elements: Record<string, unknown> }) => void): Registry {
  const full = JSON.parse(readFileSync(DEFAULT_REGISTRY_URL, 'utf8')) as { elements: Record<string, { name: string }> };
  const elements: Record<string, unknown> = {};
  for (const k of ['videotestsrc', 'fakesink', 'identity', 'capsfilter', 'bin']) elements[k] = full.elements[k];
  // defineProperty: `elements.__proto__ = …` would set the prototype, not a key
  for (const name of names) Object.defineProperty(elements, name, { value: { ...full.elements.identity, name }, enumerable: true, writable: true, configurable: true });
  const json = { ...full, elements };
  mutate?.(json);
  return Registry.fromJSON(JSON.parse(JSON.stringify(json)));
}

describe('names from the input never meet Object.prototype', () => {
  const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
  const registry = registryWith(names);

  it.each(names)('a registry element named %s is an element like any other', (name) => {
    expect(registry.has(name)).toBe(true);
    const r = negotiate(`videotestsrc ! ${name} ! fakesink`, { registry });
    expect(r.error).toBeNull();
    // named after the type, lowercased as gst_object_set_name_default does
    expect(r.pads[`${name.toLowerCase()}0.src`]).toBe(r.pads['videotestsrc0.src']);
    expect(registry.names()).toContain(name);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('an element named %s (name=) negotiates', (name) => {
    const r = negotiate(`videotestsrc ! identity name=${name} ! fakesink`);
    expect(r.error).toBeNull();
    expect(r.pads[`${name}.src`]).toBe(r.pads['videotestsrc0.src']);
  });

  it('child-proxy properties named __proto__ or constructor stay data (Object.prototype is untouched)', () => {
    const r = negotiate('videotestsrc ! compositor __proto__::polluted=1 constructor::xpos=1 ! fakesink');
    expect(r.error).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a JSON graph property named __proto__ is refused as gst-launch refuses an unknown property', () => {
    const graph = JSON.parse('{"elements":[{"factory":"videotestsrc"},{"factory":"identity","properties":{"__proto__":"x"}},{"factory":"fakesink"}],"links":[{"src":"videotestsrc0","sink":"identity0"},{"src":"identity0","sink":"fakesink0"}]}') as object;
    const r = negotiate(graph as Parameters<typeof negotiate>[0]);
    expect(r.error?.kind).toBe('syntax');
    expect(r.error?.message).toBe('$.elements[1].properties.__proto__: no property "__proto__" in element "identity"');
  });

  it('--memory / --drm for an exporter named __proto__ or constructor reach the policy', () => {
    const memory = Object.create(null) as Record<string, string>;
    const drm = Object.create(null) as Record<string, string>;
    Object.defineProperty(drm, 'constructor', { value: 'NV12', enumerable: true });
    // a drm-format alone makes the element an exporter; the memory lookup must not find Object's constructor
    const r = negotiate('v4l2src name=constructor ! fakesink', { memory, drm });
    expect(r.probes).toEqual([]);
    expect(r.assumptions).toEqual([expect.objectContaining({ element: 'constructor', source: 'declared' })]);
    expect(r.pads['constructor.src']).toContain('drm-format=(string)NV12');
  });
});

describe('a registry whose template caps do not parse is refused at load, with the JSON path', () => {
  it('unparseable caps', () => {
    let error: unknown;
    try {
      registryWith([], (json) => {
        const identity = json.elements.identity as { padTemplates: { caps: string }[] };
        json.elements.identity = { ...identity, padTemplates: [{ ...identity.padTemplates[0]!, caps: 'video/x-raw, width=(int)[' }, ...identity.padTemplates.slice(1)] };
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RegistryError);
    const issues = (error as RegistryError).issues;
    expect((error as RegistryError).code).toBe('template-caps');
    expect(issues.map((i) => i.path)).toEqual([['elements', 'identity', 'padTemplates', 0, 'caps']]);
    expect(issues[0]!.message).toMatch(/^template caps do not parse: /);
  });

  it('every template of the embedded registry parses (it is loaded without this check)', () => {
    const json = JSON.parse(readFileSync(DEFAULT_REGISTRY_URL, 'utf8')) as unknown;
    expect(() => Registry.fromJSON(json)).not.toThrow();
  });
});

// gst-launch-1.0 1.22, `videotestsrc num-buffers=3 ! …`: "could not set property" where
// gst_value_deserialize refuses the text (2^64 and more, more bits than the type), a GLib warning and the
// default where only the GParamSpec range refuses it (num-buffers is a gint from -1)
const NUMBERS: readonly (readonly [string, 'negotiated' | 'could not set'])[] = [
  ['videotestsrc num-buffers=99999999999999999999 ! fakesink', 'could not set'],
  ['videotestsrc num-buffers=4294967296 ! fakesink', 'could not set'],
  ['videotestsrc num-buffers=2147483648 ! fakesink', 'negotiated'],
  ['videotestsrc num-buffers=-5 ! fakesink', 'negotiated'],
  ['videotestsrc num-buffers=max ! fakesink', 'negotiated'],
  ['videotestsrc num-buffers=0x10 ! fakesink', 'negotiated'],
  ['videotestsrc ! queue max-size-buffers=-5 ! fakesink', 'negotiated'],
  ['videotestsrc ! queue max-size-time=99999999999999999999 ! fakesink', 'could not set'],
];

describe("integer properties: GStreamer's deserializer, then the GParamSpec range", () => {
  it.each(NUMBERS)('%s → %s', (pipeline, answer) => {
    const r = negotiate(pipeline);
    if (answer === 'negotiated') expect(r.error).toBeNull();
    else {
      expect(r.error?.kind).toBe('syntax');
      expect(r.error?.message).toMatch(/^could not set property "[a-z-]+" in element "[a-z]+" to "/);
    }
  });
});

// gst_element_is_valid_request_template_name: %u up to G_MAXUINT, %d within gint
const PAD_NAMES: readonly (readonly [string, string, boolean])[] = [
  ['src_%u', 'src_0', true],
  ['src_%u', 'src_4294967295', true],
  ['src_%u', 'src_4294967296', false],
  ['src_%u', 'src_99999999999', false],
  ['src_%u', 'src_-1', false],
  ['src_%u', 'src_x', false],
  ['src_%u', 'src_', false],
  ['src_%u', 'sink_0', false],
  ['sink_%d', 'sink_-2147483648', true],
  ['sink_%d', 'sink_2147483648', false],
  ['src_%u_%u', 'src_1_2', true],
  ['src_%u_%u', 'src_1', false],
  ['video_%u', 'video_%u', true],
  ['src_%s', 'src_anything', true],
  ['src', 'src', true],
];

describe('request pad names', () => {
  it.each(PAD_NAMES)('%s ← %s: %s', (template, name, valid) => {
    expect(isValidRequestPadName(template, name)).toBe(valid);
  });

  it.each([
    ['videotestsrc ! tee name=t t.src_99999999999 ! fakesink', 'could not link t to fakesink0'],
    ['videotestsrc ! tee name=t t.src_4294967296 ! fakesink', 'could not link t to fakesink0'],
    ['videotestsrc ! tee name=t t.src_4294967295 ! fakesink', null],
  ])('%s', (pipeline, message) => {
    const r = negotiate(pipeline);
    expect(r.error?.message ?? null).toBe(message);
  });
});
