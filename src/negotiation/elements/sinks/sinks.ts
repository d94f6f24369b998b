/** Sinks: GstBaseSink (and bins around one) answering with their templates. */
import { Caps } from '../../../caps/index.js';
import type { ModelHost, Op, PadNode } from '../../engine/model.js';
import { BaseSink } from '../../base/basesink.js';

export const fakesink = new BaseSink({ profiled: true });
export const fakevideosink = new BaseSink({ profiled: true });
export const fakeaudiosink = new BaseSink({ profiled: true });
// get_caps answers with its caps property
export const appsink = new BaseSink({ profiled: true, capsProperty: 'caps' });
export const filesink = new BaseSink({ profiled: true });

/**
 * ximagesink (GstVideoSink): get_caps is the X display's context (gst_x_image_sink_xcontext_get): one format
 * for the default visual, any size and rate, and the display's pixel aspect ratio. Without a display to ask,
 * a documented default stands in, reported as an assumption: a 24-bit TrueColor little-endian display with
 * square pixels (what Xvfb and most desktops give) → BGRx, pixel-aspect-ratio 1/1. Checked under xvfb-run.
 */
export class XImageSink extends BaseSink {
  readonly displayAssumption =
    'assuming a 24-bit TrueColor X display with square pixels (Xvfb\'s default, most desktops): ximagesink takes BGRx at pixel-aspect-ratio 1/1; a 16-bit or big-endian visual, or a display whose physical size gives other pixels, changes the format and the aspect ratio';
  private readonly display = Caps.fromString('video/x-raw, format=(string)BGRx, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ], pixel-aspect-ratio=(fraction)1/1');

  constructor() {
    super({ profiled: true });
  }

  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    // gst_x_image_sink_getcaps: the context's caps, ∩ filter (first)
    return filter === null ? this.display : host.inter.first1(pad, filter, 'filter', this.display, `${pad.element.name} X display (assumed)`);
  }
}

export const ximagesink = new XImageSink();
