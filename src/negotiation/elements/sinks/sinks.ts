/** Sinks: GstBaseSink (and bins around one) answering with their templates. */
import { Caps } from '../../../caps/index.js';
import type { ModelHost, Op, PadNode } from '../../engine/model.js';
import { OVERLAY_COMPOSITION_META, propertyIs, VIDEO_CROP_META, VIDEO_META } from '../../base/allocation.js';
import { BaseSink } from '../../base/basesink.js';
import type { AllocationHost, AllocationQuery, ElementNode } from '../../engine/model.js';
import { capsFrameSize } from '../../media/video-info.js';

/**
 * fakevideosink's propose_allocation: a pool of the frame size for 1 buffer, one more when the last sample is
 * kept (enable-last-sample, TRUE by default), and the video, crop and overlay composition metas
 */
function fakeVideoSinkPropose(host: AllocationHost, el: ElementNode, q: AllocationQuery): boolean {
  const size = capsFrameSize(q.caps);
  if (size === null) {
    host.note(`${el.name}: frame size of ${q.caps.toString()} unknown, no pool proposed`);
    return false;
  }
  q.pools.push({ pool: null, size, min: propertyIs(el, 'enable-last-sample', false) ? 1 : 2, max: 0 });
  q.metas.push(VIDEO_META, VIDEO_CROP_META, OVERLAY_COMPOSITION_META);
  return true;
}

/** fakesink's render with dump=TRUE maps the buffer to print it (gst_util_dump_buffer); fakevideosink and fakeaudiosink hand dump to theirs */
const dumps = (el: ElementNode): boolean => propertyIs(el, 'dump', true);
/** a sink that maps every buffer it renders: it hands them to the application or writes their bytes */
const alwaysMaps = (): boolean => true;

export const fakesink = new BaseSink({ profiled: true, mapsBuffers: dumps });
export const fakevideosink = new BaseSink({ profiled: true, proposeAllocation: fakeVideoSinkPropose, mapsBuffers: dumps });
export const fakeaudiosink = new BaseSink({ profiled: true, mapsBuffers: alwaysMaps });
// get_caps answers with its caps property; the application maps the samples it pulls
export const appsink = new BaseSink({ profiled: true, capsProperty: 'caps', mapsBuffers: alwaysMaps });
// render writes the buffer's bytes
export const filesink = new BaseSink({ profiled: true, mapsBuffers: alwaysMaps });
/**
 * multifilesink: GstBaseSink's defaults for caps and allocation (no profile: it runs as its base class, as
 * an unregistered sink would), and render writes every buffer's bytes to a file
 */
export const multifilesink = new BaseSink({ mapsBuffers: alwaysMaps });

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
