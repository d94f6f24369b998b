/**
 * The registration table: factory name → element model. An element model is a base-class model
 * (base/) with the vmethods its element overrides; it lives in elements/<family>/. Adding an element is
 * its model in a family file and one line here.
 */
import type { ElementModel, GstVersion } from '../engine/model.js';
import * as panorama from './audio/audiopanorama.js';
import * as audioConvert from './audio/convert.js';
import * as audioMixers from './audio/mixers.js';
import * as visualizers from './audio/visualizers.js';
import * as audioCodecs from './codecs/audio.js';
import * as jpeg from './codecs/jpeg.js';
import * as videoCodecs from './codecs/video.js';
import * as x264 from './codecs/x264.js';
import * as capsfilter from './core/capsfilter.js';
import * as debugutils from './debug/debugutils.js';
import * as capssetter from './core/capssetter.js';
import * as identity from './core/identity.js';
import * as queues from './core/queues.js';
import * as muxers from './muxers/muxers.js';
import * as h26x from './parsers/h26x.js';
import * as mediaIn from './media/models.js';
import * as libav from './codecs/libav.js';
import * as videoParsers from './parsers/video.js';
import * as sinks from './sinks/sinks.js';
import * as testsrc from './sources/testsrc.js';
import * as rtp from './rtp/payloaders.js';
import * as compositor from './video/compositor.js';
import * as convertscale from './video/convertscale.js';
import * as videoFilters from './video/filters.js';
import * as geometry from './video/geometry.js';
import * as gl from './video/gl.js';
import * as overlays from './video/overlays.js';
import * as subtitleOverlays from './video/subtitle-overlays.js';
import * as bins from './core/bins.js';
import * as closedCaption from './video/closedcaption.js';
import * as videorate from './video/videorate.js';
import * as videomixer from './video/videomixer.js';

export const ELEMENT_MODELS: Readonly<Record<string, ElementModel>> = {
  // RTP payloaders (GstRTPBasePayload and the subclass fields listed in rtp/payloaders.ts)
  ...rtp.payloaders,
  // sources and sinks
  videotestsrc: testsrc.videotestsrc,
  audiotestsrc: testsrc.audiotestsrc,
  fakesrc: testsrc.fakesrc,
  fakesink: sinks.fakesink,
  fakevideosink: sinks.fakevideosink,
  fakeaudiosink: sinks.fakeaudiosink,
  appsink: sinks.appsink,
  filesink: sinks.filesink,
  multifilesink: sinks.multifilesink,
  ximagesink: sinks.ximagesink,
  // queues, selectors, tee
  queue: queues.queue,
  queue2: queues.queue2,
  funnel: queues.funnel,
  'input-selector': queues.inputSelector,
  'output-selector': queues.outputSelector,
  multiqueue: queues.multiqueue,
  streamsynchronizer: queues.streamsynchronizer,
  tee: queues.tee,
  valve: queues.valve,
  // generic transforms
  capsfilter: capsfilter.capsfilter,
  identity: identity.identity,
  capssetter: capssetter.capssetter,
  // debug utilities that write into or re-chunk buffers
  breakmydata: debugutils.breakmydata,
  chopmydata: debugutils.chopmydata,
  rndbuffersize: debugutils.rndbuffersize,
  // video
  videoconvert: convertscale.videoconvert,
  videoscale: convertscale.videoscale,
  videoconvertscale: convertscale.videoconvertscale,
  videorate: videorate.videorate,
  videoflip: geometry.videoflip,
  videocrop: geometry.videocrop,
  videobox: geometry.videobox,
  deinterlace: videoFilters.deinterlace,
  imagefreeze: videoFilters.imagefreeze,
  videobalance: videoFilters.videobalance,
  alpha: videoFilters.alpha,
  alphacolor: videoFilters.alphacolor,
  smptealpha: videoFilters.smptealpha,
  combdetect: videoFilters.combdetect,
  ivtc: videoFilters.ivtc,
  aspectratiocrop: videoFilters.aspectratiocrop,
  compositor: compositor.compositor,
  videomixer: videomixer.videomixer,
  gldownload: gl.gldownload,
  overlaycomposition: overlays.overlaycomposition,
  qroverlay: overlays.qroverlay,
  debugqroverlay: overlays.debugqroverlay,
  assrender: subtitleOverlays.assrender,
  dvbsuboverlay: subtitleOverlays.dvbsuboverlay,
  cc708overlay: subtitleOverlays.cc708overlay,
  ttmlrender: subtitleOverlays.ttmlrender,
  autovideoconvert: bins.autovideoconvert,
  switchbin: bins.switchbin,
  subtitleoverlay: bins.subtitleoverlay,
  ccextractor: closedCaption.ccextractor,
  cccombiner: closedCaption.cccombiner,
  // audio
  audioconvert: audioConvert.audioconvert,
  audioresample: audioConvert.audioresample,
  audiopanorama: panorama.audiopanorama,
  interleave: audioMixers.interleave,
  audiointerleave: audioMixers.audiointerleave,
  adder: audioMixers.adder,
  wavescope: visualizers.wavescope,
  spacescope: visualizers.spacescope,
  synaescope: visualizers.synaescope,
  goom: visualizers.goom,
  goom2k1: visualizers.goom2k1,
  monoscope: visualizers.monoscope,
  // video codecs and parsers
  jpegenc: jpeg.jpegenc,
  jpegdec: jpeg.jpegdec,
  avdec_h264: libav.avdec_h264,
  avdec_mp3: libav.avdec_mp3,
  avdec_mp3float: libav.avdec_mp3float,
  avdec_aac: libav.avdec_aac,
  vp8enc: videoCodecs.vp8enc,
  vp9enc: videoCodecs.vp9enc,
  x264enc: x264.x264enc,
  openjpegenc: videoCodecs.openjpegenc,
  pnmenc: videoCodecs.pnmenc,
  vp9dec: videoCodecs.vp9dec,
  openjpegdec: videoCodecs.openjpegdec,
  pngdec: videoCodecs.pngdec,
  theoradec: videoCodecs.theoradec,
  theoraparse: videoCodecs.theoraparse,
  pnmdec: videoCodecs.pnmdec,
  y4mdec: videoParsers.y4mdec,
  jpegparse: videoParsers.jpegparse,
  vp9parse: videoParsers.vp9parse,
  rawvideoparse: videoParsers.rawvideoparse,
  videoparse: videoParsers.videoparse,
  pngparse: videoParsers.pngparse,
  qtdemux: mediaIn.qtdemux,
  typefind: mediaIn.typefind,
  oggdemux: mediaIn.oggdemux,
  matroskademux: mediaIn.matroskademux,
  decodebin: mediaIn.decodebin,
  uridecodebin: mediaIn.uridecodebin,
  h264parse: h26x.h264parse,
  h265parse: h26x.h265parse,
  // audio codecs, their parsers, RIFF / AIFF
  lamemp3enc: audioCodecs.lamemp3enc,
  twolamemp2enc: audioCodecs.twolamemp2enc,
  sbcenc: audioCodecs.sbcenc,
  voaacenc: audioCodecs.voaacenc,
  voamrwbenc: audioCodecs.voamrwbenc,
  sirenenc: audioCodecs.sirenenc,
  wavpackenc: audioCodecs.wavpackenc,
  flacenc: audioCodecs.flacenc,
  speexenc: audioCodecs.speexenc,
  vorbisenc: audioCodecs.vorbisenc,
  opusenc: audioCodecs.opusenc,
  adpcmenc: audioCodecs.adpcmenc,
  flacdec: audioCodecs.flacdec,
  mpg123audiodec: audioCodecs.mpg123audiodec,
  wavpackdec: audioCodecs.wavpackdec,
  flacparse: audioCodecs.flacparse,
  opusparse: audioCodecs.opusparse,
  mpegaudioparse: audioCodecs.mpegaudioparse,
  wavpackparse: audioCodecs.wavpackparse,
  rawaudioparse: audioCodecs.rawaudioparse,
  audioparse: audioCodecs.audioparse,
  wavenc: audioCodecs.wavenc,
  wavparse: audioCodecs.wavparse,
  aiffmux: audioCodecs.aiffmux,
  aiffparse: audioCodecs.aiffparse,
  avenc_ac3: audioCodecs.avencAc3,
  alawenc: audioCodecs.alawenc,
  mulawenc: audioCodecs.mulawenc,
  // container muxers
  qtmux: muxers.qtmux,
  mp4mux: muxers.mp4mux,
  avimux: muxers.avimux,
  mpegtsmux: muxers.mpegtsmux,
  matroskamux: muxers.matroskamux,
  webmmux: muxers.webmmux,
  oggmux: muxers.oggmux,
};

/**
 * Versioned overrides: the models of a release where it negotiates differently from 1.22 (each says so in
 * its `versions`); a factory not listed runs its ELEMENT_MODELS model. Proven on the 1.26 corpus
 * (spec/oracle/pipelines-1.26.spec.ts).
 */
export const VERSIONED_MODELS: Readonly<Partial<Record<GstVersion, Readonly<Record<string, ElementModel>>>>> = {
  '1.26': {
    videotestsrc: testsrc.videotestsrc126,
    videoflip: geometry.videoflip126,
    videoconvert: convertscale.videoconvert126,
    videoscale: convertscale.videoscale126,
    videoconvertscale: convertscale.videoconvertscale126,
  },
};

/** The model a release runs for a factory: its versioned override, else the registration table's. */
export function registeredModel(factory: string, release: string): ElementModel | undefined {
  const overrides = Object.hasOwn(VERSIONED_MODELS, release) ? VERSIONED_MODELS[release as GstVersion] : undefined;
  if (overrides !== undefined && Object.hasOwn(overrides, factory)) return overrides[factory];
  return Object.hasOwn(ELEMENT_MODELS, factory) ? ELEMENT_MODELS[factory] : undefined;
}
