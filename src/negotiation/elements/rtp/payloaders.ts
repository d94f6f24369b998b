/**
 * RTP payloaders: what each subclass's setcaps hands GstRTPBasePayload (base/rtppayload.ts) — its own
 * fields from the input caps, and the ones it makes from the stream (unknown). Checked with gst-launch-1.0 -v.
 */
import { getField, type Structure } from '../../../caps/index.js';
import { RtpBasePayload, type RtpSubclass as Subclass } from '../../base/rtppayload.js';
import { i, str } from '../fields.js';

const intOf = (s: Structure, f: string): number | null => {
  const v = getField(s, f);
  return v?.kind === 'int' ? v.value : null;
};

const none: Subclass = () => ({ fields: [], unknown: [] });
const notModelled: Subclass = () => ({ fields: [], unknown: null });

/** rtpL16pay / rtpL24pay: the input's rate as clock-rate, channels as encoding-params and channels (positions beyond stereo not modelled) */
const linear: Subclass = (s) => {
  const rate = intOf(s, 'rate');
  const channels = intOf(s, 'channels');
  if (rate === null || channels === null) return null;
  if (channels > 2) return { clockRate: rate, fields: [], unknown: null };
  return { clockRate: rate, fields: [['encoding-params', str(String(channels))], ['channels', i(channels)]], unknown: [] };
};

const SUBCLASSES: Readonly<Record<string, Subclass>> = {
  rtpmp2tpay: none,
  // set_options("video", "VP8"/"VP9"): their templates leave media out
  rtpvp8pay: () => ({ media: 'video', encodingName: 'VP8', fields: [], unknown: [] }),
  rtpvp9pay: () => ({ media: 'video', encodingName: 'VP9', fields: [], unknown: [] }),
  rtppcmapay: none,
  rtppcmupay: none,
  rtpL16pay: linear,
  rtpL24pay: linear,
  // the SPS/PPS the stream carries
  rtph264pay: () => ({ fields: [], unknown: ['packetization-mode', 'sprop-parameter-sets', 'profile-level-id', 'profile'] }),
  // gst_rtp_opus_pay_setcaps: stereo from the channels, encoding-params 2, the capture rate
  rtpopuspay: (s) => {
    const channels = intOf(s, 'channels');
    const rate = intOf(s, 'rate');
    if (channels === null || rate === null || channels > 2) return { fields: [], unknown: null };
    return { fields: [['sprop-stereo', str(channels === 2 ? '1' : '0')], ['encoding-params', str('2')], ['sprop-maxcapturerate', str(String(rate))]], unknown: [] };
  },
  // gst_rtp_jpeg_pay_setcaps: a-framerate as "%f" when the framerate is known
  rtpjpegpay: (s) => {
    const fps = getField(s, 'framerate');
    const w = intOf(s, 'width');
    const h = intOf(s, 'height');
    if (w === null || h === null || w > 2040 || h > 2040) return { fields: [], unknown: null };
    if (fps?.kind !== 'fraction' || fps.den === 0 || fps.num === 0) return { fields: [], unknown: [] };
    return { fields: [['a-framerate', str((fps.num / fps.den).toFixed(6))]], unknown: [] };
  },
  // the StreamMuxConfig made from the AudioSpecificConfig
  rtpmp4apay: (s) => {
    const rate = intOf(s, 'rate');
    return rate === null ? null : { clockRate: rate, fields: [['cpresent', str('0')]], unknown: ['config'] };
  },
  rtph265pay: notModelled,
  rtpvrawpay: notModelled,
  rtptheorapay: notModelled,
  rtpvorbispay: notModelled,
  rtpac3pay: notModelled,
  rtph261pay: notModelled,
  rtpamrpay: notModelled,
  rtpsbcpay: notModelled,
};

export const payloaders: Readonly<Record<string, RtpBasePayload>> = Object.fromEntries(Object.entries(SUBCLASSES).map(([f, subclass]) => [f, new RtpBasePayload({ subclass })]));
