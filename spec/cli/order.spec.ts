/**
 * Report tables in the order data flows (issue 16): capsfilters between their neighbours, not after the
 * sink; allocation rows link by link from the source, not in the order the queries were answered; and the
 * elements table and the importers table agree on what an element does with an exporter's buffers.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

async function report(args: readonly string[]): Promise<string> {
  const io = fakeIo();
  await main(['negotiate', ...args], io);
  return io.out();
}

/** the first column of a section's table rows (after its header and ---- line) */
function column(text: string, section: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(section);
  const rows: string[] = [];
  for (const l of lines.slice(start + 3)) {
    if (!l.startsWith('  ')) break;
    rows.push(l.trim().split(/\s{2,}/)[0]!);
  }
  return rows;
}

describe('tables in link order', () => {
  it.each([
    [
      'videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=NV12 ! fakesink',
      ['videotestsrc0', 'capsfilter0', 'videoconvert0', 'capsfilter1', 'fakesink0'],
      ['videotestsrc0.src ! capsfilter0.sink', 'capsfilter0.src ! videoconvert0.sink', 'videoconvert0.src ! capsfilter1.sink', 'capsfilter1.src ! fakesink0.sink'],
    ],
    [
      // linking failed: no link was made, the order comes from the pipeline text
      'videotestsrc ! video/x-raw,format=RGBA ! identity ! video/x-raw,format=NV12 ! fakesink',
      ['videotestsrc0', 'capsfilter0', 'identity0', 'capsfilter1', 'fakesink0'],
      null,
    ],
    [
      'videotestsrc ! tee name=t t. ! queue ! fakesink t. ! queue ! videoconvert ! fakesink',
      ['videotestsrc0', 't', 'queue0', 'fakesink0', 'queue1', 'videoconvert0', 'fakesink1'],
      null,
    ],
  ])('%s', async (pipeline, elements, allocation) => {
    const text = await report([pipeline]);
    expect(column(text, 'elements')).toEqual(elements);
    if (allocation !== null) expect(column(text, 'allocation')).toEqual(allocation);
  });
});

describe('elements and importers agree', () => {
  it('videoflip rotate-180 on a mappable exporter: passthrough in both tables (GStreamer too)', async () => {
    const text = await report([
      '--memory', 'v4l2src0=memfd',
      '--caps', 'v4l2src0.src=video/x-raw,format=NV12,width=640,height=480,framerate=30/1',
      'v4l2src ! videoflip method=rotate-180 ! waylandsink',
    ]);
    expect(text.split('\n')[0]).toMatch(/^negotiated/);
    expect(text).toMatch(/\n  videoflip0 +videoflip +profile +yes\n/);
    expect(text).toMatch(/\n  waylandsink0 +v4l2src0 +yes +yes +waylandsink0 imports v4l2src0's dmabuf memory/);
  });
});
