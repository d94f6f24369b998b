/** Sinks: GstBaseSink (and bins around one) answering with their templates. */
import { BaseSink } from '../../base/basesink.js';

export const fakesink = new BaseSink({ profiled: true });
export const fakevideosink = new BaseSink({ profiled: true });
export const fakeaudiosink = new BaseSink({ profiled: true });
// get_caps answers with its caps property
export const appsink = new BaseSink({ profiled: true, capsProperty: 'caps' });
export const filesink = new BaseSink({ profiled: true });
