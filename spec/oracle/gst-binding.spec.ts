/**
 * The oracle binding itself reproduces the verified 1.22 table of caps-semantics.md §14
 * (fixtures/caps/semantics-table.json). If this fails, the differential specs cannot be trusted.
 */
import { expect, it } from 'vitest';
import table from '../../fixtures/caps/semantics-table.json' with { type: 'json' };
import { describeOracle } from './available.js';
import { fixateFieldHazard, gst, nestingDepth, OracleHazardError, oracleHazard } from './gst.js';

interface Row {
  readonly n: number;
  readonly op: string;
  readonly a: string;
  readonly b?: string;
  readonly expected: string | boolean | null;
}

function ask(row: Row): string | boolean | null {
  const b = row.b ?? '';
  switch (row.op) {
    case 'parse': return gst.parse(row.a);
    case 'intersect': return gst.intersect(row.a, b, 'zigzag');
    case 'intersect_first': return gst.intersect(row.a, b, 'first');
    case 'can_intersect': return gst.canIntersect(row.a, b);
    case 'is_subset': return gst.isSubset(row.a, b);
    case 'is_equal': return gst.isEqual(row.a, b);
    case 'is_strictly_equal': return gst.isStrictlyEqual(row.a, b);
    case 'is_fixed': return gst.isFixed(row.a);
    case 'subtract': return gst.subtract(row.a, b);
    case 'merge': return gst.merge(row.a, b);
    case 'append': return gst.append(row.a, b);
    case 'normalize': return gst.normalize(row.a);
    case 'simplify': return gst.simplify(row.a);
    case 'fixate': return gst.fixate(row.a);
    case 'truncate': return gst.truncate(row.a);
    default: throw new Error(`unknown op ${row.op}`);
  }
}

describeOracle('oracle binding (libgstreamer-1.0 through koffi)', () => {
  it.each((table as Row[]).map((r) => [r.n, r.op, r] as const))('§14 row %i: %s', (_n, _op, row) => {
    expect(ask(row)).toEqual(row.expected);
  });

  it('tells a structure named ANY from ANY caps (row 112)', () => {
    expect(gst.isAny('ANY')).toBe(true);
    expect(gst.isAny(' ANY')).toBe(false);
  });

  it('refuses the inputs that abort, crash or hang GStreamer 1.22', () => {
    expect(oracleHazard('subtract', 'x,a=[0,20,2]', 'x,a=[0,20,4]')).toMatch(/steps/);
    expect(oracleHazard('simplify', 'x,a=[0,20,2];x,a=[0,20,4]')).toMatch(/steps/);
    expect(oracleHazard('subtract', 'x(ANY)', 'x')).toMatch(/ANY features/);
    expect(oracleHazard('subtract', 'ANY', 'x')).toMatch(/ANY caps/);
    expect(oracleHazard('normalize', 'x,a={}')).toMatch(/empty list/);
    expect(oracleHazard('fixate', 'ANY')).toMatch(/ANY/);
    expect(oracleHazard('isSubset', 'x,a={[0,20,2]}', 'x,a=[0,20,4]')).toMatch(/steps/);
    expect(oracleHazard('merge', 'x,a=[0,20,4]', 'x,a={[0,20,2],4}')).toMatch(/steps/);
    expect(oracleHazard('subtract', 'x,a=[0,20,2]', 'x,a=[0,10,2]')).toBeNull();
    expect(oracleHazard('isSubset', 'x,a=[0,20,2]', 'x,a=[0,20,4]')).toBeNull(); // range ⊆ range has its own rule
    // 1.22 compares lists with element 0's compare function: these segfault
    expect(oracleHazard('isEqual', 'x,b={{1},2}', 'x,b={{1},2}')).toMatch(/mixing/);
    expect(oracleHazard('isEqual', 'x,b={I420,1}', 'x,b={I420,1}')).toMatch(/mixing/);
    expect(oracleHazard('canIntersect', 'x,b={(gint64)[1,2],1.5}', 'x')).toMatch(/mixing/);
    expect(oracleHazard('isEqual', 'x,b=<1,{[foo,c={{1},2}]}>', 'x')).toMatch(/mixing/);
    expect(oracleHazard('isEqual', 'x,b=(GstCaps)[foo,c={1,a}]', 'x')).toMatch(/mixing/);
    expect(oracleHazard('isEqual', 'x,b={(gint64)[0,10],(gint64)5}', 'x')).toMatch(/mixing/);
    expect(oracleHazard('isEqual', 'x,b={[0,10],5}', 'x,b={ [ 1, 4 ], [ 6, 10 ], 5 }')).toBeNull();
    expect(oracleHazard('parse', 'x,b={{1},2}')).toBeNull();
    expect(oracleHazard('intersect', 'x,w={{1,2},{3}};x', 'x,w={{1,2},{3}};x')).toMatch(/mixing/);
    expect(oracleHazard('isEqual', 'x,b=<{1},2>', 'x,b=<{1},2>')).toBeNull(); // arrays compare element-wise by type
    expect(oracleHazard('isEqual', 'x,b={1,2}', 'x,b={"a,b",c}')).toBeNull();
    expect(fixateFieldHazard('x,s={interleaved,NULL}', { helper: 'string', target: 'RGB' })).toMatch(/NULL/);
    expect(fixateFieldHazard('x,s={interleaved,"NULL"}', { helper: 'string', target: 'RGB' })).toBeNull();
    expect(fixateFieldHazard('x,s={interleaved,NULL}', { helper: 'field' })).toBeNull();
    // here the NULL does not even show in the printed list
    expect(fixateFieldHazard('x,w=5,s={ (s)"a\\,b", NULL, (s)RGBA }', { helper: 'string', target: 'NV12' })).toMatch(/NULL/);
    const deep = `x,a=${'{'.repeat(5000)}${'}'.repeat(5000)}`;
    expect(nestingDepth(deep)).toBe(5000);
    expect(() => gst.parse(deep)).toThrow(OracleHazardError);
    expect(() => gst.subtract('x,a=[0,20,2]', 'x,a=[0,20,4]')).toThrow(OracleHazardError);
  });

  it('frees what it makes: 20,000 round trips do not grow the heap', () => {
    const s = 'video/x-raw(memory:DMABuf),format={NV12,I420},width=[1,4096],framerate=[0/1,60/1]';
    const run = (k: number): void => {
      for (let i = 0; i < k; i++) {
        gst.intersect(s, s);
        gst.merge(s, s);
        gst.fixate(s);
      }
    };
    run(2000);
    const rss = (): number => Number(process.memoryUsage().rss);
    const before = rss();
    run(20000);
    // a leak of even one small caps per call would be tens of MB here
    expect(rss() - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('passes fixation helpers through', () => {
    expect(gst.fixateField('x,a=[0,20,4]', 'a', { helper: 'nearestInt', target: 7 })).toEqual({ changed: true, structure: 'x, a=(int)8;', caps: 'x, a=(int)8' });
    expect(gst.fixateField('x,a={24/1,26/1}', 'a', { helper: 'nearestFraction', num: 25, den: 1 }).structure).toBe('x, a=(fraction)24/1;');
    expect(gst.fixateField('x,a={I420,NV12,YUY2}', 'a', { helper: 'string', target: 'RGB' }).structure).toBe('x, a=(string)I420;');
    expect(gst.fixateField('x,a={true,true}', 'a', { helper: 'boolean', target: false }).structure).toBe('x, a=(boolean)true;');
    expect(gst.fixateField('x,a={1.0,2.0,3.0}', 'a', { helper: 'nearestDouble', target: 2.5 }).structure).toBe('x, a=(double)2;');
    expect(gst.fixateField('x,a=5', 'a', { helper: 'nearestInt', target: 7 })).toEqual({ changed: false, structure: 'x, a=(int)5;', caps: 'x, a=(int)5' });
    expect(gst.fixateField('x,a=[foo,b={1,2}],c=[1,3]', 'c', { helper: 'nearestInt', target: 2 }).caps).toBe('x, a=(structure)[foo, b=(int){ 1, 2 };], c=(int)2');
    expect(gst.parseStructure('x,a=1')).toBe('x, a=(int)1;');
    expect(gst.parseStructure('1x')).toBeNull();
  });
});
