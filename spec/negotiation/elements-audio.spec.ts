/**
 * Audio codec, parser and RIFF elements whose caps their base class cannot build from the registry
 * (src/negotiation/elements/codecs/audio.ts, elements/audio/): input pipeline → the caps gst-launch-1.0 -v (GStreamer 1.22)
 * printed for the pad.
 */
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';

const S = 'audiotestsrc num-buffers=1';

describe('an encoder sets its own fields, in its own order (set_output_format)', () => {
  it.each([
    // lame_get_version: MPEG-1 from 32 kHz, MPEG-2 (also for 2.5) below
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! lamemp3enc ! fakesink`, 'lamemp3enc0.src', 'audio/mpeg, mpegversion=(int)1, mpegaudioversion=(int)1, layer=(int)3, channels=(int)2, rate=(int)48000'],
    [`${S} ! audio/x-raw,rate=8000,channels=1 ! audioconvert ! lamemp3enc ! fakesink`, 'lamemp3enc0.src', 'audio/mpeg, mpegversion=(int)1, mpegaudioversion=(int)2, layer=(int)3, channels=(int)1, rate=(int)8000'],
    [`${S} ! audio/x-raw,format=S16LE,rate=22050 ! twolamemp2enc bitrate=64 ! fakesink`, 'twolame0.src', 'audio/mpeg, mpegversion=(int)1, mpegaudioversion=(int)2, layer=(int)2, channels=(int)1, rate=(int)22050'],
    [`${S} ! audio/x-raw,rate=16000 ! audioconvert ! voamrwbenc ! fakesink`, 'voamrwbenc0.src', 'audio/AMR-WB, channels=(int)1, rate=(int)16000'],
    [`${S} ! audioconvert ! audioresample ! sirenenc ! fakesink`, 'sirenenc0.src', 'audio/x-siren, dct-length=(int)320'],
    // depth from the sample format (wavpackenc takes S32LE only)
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! wavpackenc ! fakesink`, 'wavpackenc0.src', 'audio/x-wavpack, channels=(int)2, rate=(int)48000, depth=(int)32, framed=(boolean)true'],
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! adpcmenc ! fakesink`, 'adpcmenc0.src', 'audio/x-adpcm, rate=(int)48000, channels=(int)2, layout=(string)dvi, block_align=(int)1024'],
    // AAC-LC: raw with its AudioSpecificConfig unless downstream fixes ADTS; the level from rate and channels
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! voaacenc ! fakesink`, 'voaacenc0.src', 'audio/mpeg, mpegversion=(int)4, channels=(int)2, rate=(int)48000, level=(string)2, base-profile=(string)lc, profile=(string)lc, stream-format=(string)raw, codec_data=(buffer)1190'],
    [`${S} ! audio/x-raw,rate=96000 ! audioconvert ! voaacenc ! fakesink`, 'voaacenc0.src', 'audio/mpeg, mpegversion=(int)4, channels=(int)1, rate=(int)96000, level=(string)5, base-profile=(string)lc, profile=(string)lc, stream-format=(string)raw, codec_data=(buffer)1008'],
    [`${S} ! audio/x-raw,rate=96000,channels=2 ! audioconvert ! voaacenc ! audio/mpeg,stream-format=adts ! fakesink`, 'voaacenc0.src', 'audio/mpeg, mpegversion=(int)4, channels=(int)2, rate=(int)96000, level=(string)5, base-profile=(string)lc, profile=(string)lc, stream-format=(string)adts, framed=(boolean)true'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('a parser builds its caps from the frame headers', () => {
  it.each([
    // mpegaudioparse: the header's version (8 kHz is MPEG-2.5), rate before channels, parsed
    [`${S} ! audio/x-raw,rate=8000,channels=1 ! audioconvert ! lamemp3enc ! mpegaudioparse ! fakesink`, 'mpegaudioparse0.src', 'audio/mpeg, mpegversion=(int)1, mpegaudioversion=(int)3, layer=(int)3, rate=(int)8000, channels=(int)1, parsed=(boolean)true'],
    [`${S} ! audio/x-raw,format=S16LE,rate=22050 ! twolamemp2enc bitrate=64 ! mpegaudioparse ! fakesink`, 'mpegaudioparse0.src', 'audio/mpeg, mpegversion=(int)1, mpegaudioversion=(int)2, layer=(int)2, rate=(int)22050, channels=(int)1, parsed=(boolean)true'],
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! wavpackenc ! wavpackparse ! fakesink`, 'wavpackparse0.src', 'audio/x-wavpack, channels=(int)2, rate=(int)48000, depth=(int)32, framed=(boolean)true, channel-mask=(bitmask)0x0000000000000003'],
    // wavparse reads the RIFF header wavenc wrote: a stereo mask after channels, a wider one last
    [`${S} ! audio/x-raw,format=F32LE,channels=2 ! wavenc ! wavparse ! fakesink`, 'wavparse0.src', 'audio/x-raw, format=(string)F32LE, layout=(string)interleaved, channels=(int)2, channel-mask=(bitmask)0x0000000000000003, rate=(int)44100'],
    [`${S} ! audio/x-raw,format=U8,channels=3 ! wavenc ! wavparse ! fakesink`, 'wavparse0.src', 'audio/x-raw, format=(string)U8, layout=(string)interleaved, channels=(int)3, rate=(int)44100, channel-mask=(bitmask)0x000000000000000b'],
    [`${S} ! audio/x-raw,format=F32LE,channels=2 ! wavenc ! wavparse ! fakesink`, 'wavenc0.src', 'audio/x-wav'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('a decoder outputs what the stream holds', () => {
  it.each([
    // lossless: the format of the stream's bit depth (24-bit FLAC decodes to S24_32LE)
    [`${S} ! audio/x-raw,format=S32LE ! audioconvert ! flacenc ! flacparse ! flacdec ! fakesink`, 'flacdec0.src', 'audio/x-raw, format=(string)S24_32LE, layout=(string)interleaved, rate=(int)44100, channels=(int)1'],
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! wavpackenc ! wavpackparse ! wavpackdec ! fakesink`, 'wavpackdec0.src', 'audio/x-raw, format=(string)S32LE, layout=(string)interleaved, rate=(int)48000, channels=(int)2, channel-mask=(bitmask)0x0000000000000003'],
    [`${S} ! audio/x-raw,rate=8000,channels=1 ! audioconvert ! lamemp3enc ! mpegaudioparse ! mpg123audiodec ! fakesink`, 'mpg123audiodec0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)8000, channels=(int)1'],
    // siren caps carry neither rate nor channels: the stream's
    [`${S} ! audioconvert ! audioresample ! sirenenc ! sirendec ! fakesink`, 'sirendec0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)16000, channels=(int)1'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('RIFF / AIFF readers and the mpg123 decoder', () => {
  it.each([
    // wavenc writes no channel mask: wavparse takes riff's default layout for the count (none for 5)
    [`${S} ! audio/x-raw,format=S16LE,channels=4 ! wavenc ! wavparse ! fakesink`, 'wavparse0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, channels=(int)4, rate=(int)44100, channel-mask=(bitmask)0x000000000000000f'],
    [`${S} ! audio/x-raw,format=S16LE,channels=5 ! wavenc ! wavparse ! fakesink`, 'wavparse0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, channels=(int)5, rate=(int)44100, channel-mask=(bitmask)0x0000000000000000'],
    [`${S} ! audio/x-raw,channels=2,rate=48000 ! audioconvert ! aiffmux ! aiffparse ! fakesink`, 'aiffparse0.src', 'audio/x-raw, format=(string)S16BE, channels=(int)2, layout=(string)interleaved, rate=(int)48000, channel-mask=(bitmask)0x0000000000000003'],
    // mpg123audiodec takes the first format downstream allows: audioconvert offers F32LE first
    [`${S} ! audio/x-raw,rate=32000 ! audioconvert ! lamemp3enc ! mpegaudioparse ! mpg123audiodec ! audioconvert ! fakesink`, 'mpg123audiodec0.src', 'audio/x-raw, format=(string)F32LE, layout=(string)interleaved, rate=(int)32000, channels=(int)1'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('mixers and interleavers', () => {
  it.each([
    // one channel per input, unpositioned; the input's other fields keep their place
    [`${S} ! interleave name=m ! fakesink ${S} ! m.`, 'm.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)44100, channels=(int)2, channel-mask=(bitmask)0x0000000000000000'],
    [`${S} ! audioconvert ! audiointerleave ! audio/x-raw,format=S32LE,rate=8000 ! fakesink`, 'audiointerleave0.src', 'audio/x-raw, rate=(int)8000, format=(string)S32LE, channels=(int)1, layout=(string)interleaved, channel-mask=(bitmask)0x0000000000000000'],
    // adder's sink pads answer with what downstream allows: the source picks S32LE at 8 kHz
    [`${S} ! audioconvert ! adder ! audio/x-raw,format=S32LE,rate=8000 ! fakesink`, 'audiotestsrc0.src', 'audio/x-raw, rate=(int)8000, format=(string)S32LE, channels=(int)1, layout=(string)interleaved'],
    [`${S} ! audioconvert ! adder ! audio/x-raw,format=S32LE,rate=8000 ! fakesink`, 'adder0.src', 'audio/x-raw, rate=(int)8000, format=(string)S32LE, channels=(int)1, layout=(string)interleaved'],
    // the first input's buffer waits in the mixer for the second: no caps-less buffer reaches the capsfilter
    [`${S} ! audio/x-raw,channels=2 ! audiomixer name=m ! audio/x-raw,format=F32LE ! fakesink ${S} ! audio/x-raw,channels=2 ! m.`, 'm.src', 'audio/x-raw, format=(string)F32LE, rate=(int)44100, channels=(int)2, layout=(string)interleaved'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('rawaudioparse / audioparse build their caps from their properties', () => {
  it.each([
    [`${S} ! rawaudioparse ! fakesink`, 'rawaudioparse0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)44100, channels=(int)2, channel-mask=(bitmask)0x0000000000000003'],
    [`${S} ! rawaudioparse num-channels=6 pcm-format=f32le sample-rate=8000 ! fakesink`, 'rawaudioparse0.src', 'audio/x-raw, format=(string)F32LE, layout=(string)interleaved, rate=(int)8000, channels=(int)6, channel-mask=(bitmask)0x000000000000003f'],
    // the interleaved property does not reach the caps in 1.22
    [`${S} ! rawaudioparse interleaved=false ! fakesink`, 'rawaudioparse0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)44100, channels=(int)2, channel-mask=(bitmask)0x0000000000000003'],
    [`${S} ! rawaudioparse format=mulaw num-channels=1 ! fakesink`, 'rawaudioparse0.src', 'audio/x-mulaw, rate=(int)44100, channels=(int)1, channel-mask=(bitmask)0x0000000000000000'],
    [`${S} ! audioparse channels=1 rate=8000 ! fakesink`, 'audioparse0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)8000, channels=(int)1'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('audio visualisers fixate their own video (GstAudioVisualizer, monoscope)', () => {
  it.each([
    [`${S} ! wavescope ! fakesink`, 'wavescope0.src', 'video/x-raw, format=(string)BGRx, width=(int)320, height=(int)200, framerate=(fraction)25/1'],
    [`${S} ! monoscope ! fakesink`, 'monoscope0.src', 'video/x-raw, format=(string)BGRx, width=(int)256, height=(int)128, framerate=(fraction)25/1'],
    // downstream's caps come first (gst_caps_intersect with the template): their field order stays
    [`${S} ! spacescope ! video/x-raw,framerate=30/1,height=[100,150] ! fakesink`, 'spacescope0.src', 'video/x-raw, framerate=(fraction)30/1, height=(int)150, format=(string)BGRx, width=(int)320'],
    [`${S} ! wavescope ! videoconvert ! video/x-raw,format=I420 ! fakesink`, 'wavescope0.src', 'video/x-raw, width=(int)320, height=(int)200, framerate=(fraction)25/1, format=(string)BGRx'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('opusenc writes its headers into streamheader (OpusHead, OpusTags with the tags from upstream)', () => {
  const head16k = '4f7075734865616401013801803e0000000000';
  // "Encoded with GStreamer opusenc" and audiotestsrc's DESCRIPTION=audiotest wave, framing bit
  const tags = '4f707573546167731e000000456e636f6465642077697468204753747265616d6572206f707573656e63010000001a0000004445534352495054494f4e3d617564696f74657374207761766501';
  it.each([
    [`${S} ! audio/x-raw,rate=16000 ! audioconvert ! opusenc ! fakesink`, 'opusenc0.src', `audio/x-opus, rate=(int)16000, channels=(int)1, channel-mapping-family=(int)0, stream-count=(int)1, coupled-count=(int)0, streamheader=(buffer)< ${head16k}, ${tags} >`],
    // opusparse makes its caps from the OpusHead, with an empty OpusTags of its own
    [`${S} ! audio/x-raw,rate=16000 ! audioconvert ! opusenc ! opusparse ! fakesink`, 'opusparse0.src', `audio/x-opus, rate=(int)16000, channels=(int)1, channel-mapping-family=(int)0, stream-count=(int)1, coupled-count=(int)0, streamheader=(buffer)< ${head16k}, 4f707573546167731f0000004753747265616d657220656e636f64656420766f72626973636f6d6d656e740000000001 >`],
    // the sink getcaps offers a mask per channel count: the source fixates stereo with it
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! opusenc ! fakesink`, 'audiotestsrc0.src', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)48000, channels=(int)2, channel-mask=(bitmask)0x0000000000000003'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('flacenc writes its headers into streamheader (STREAMINFO, VORBIS_COMMENT with the tags from upstream)', () => {
  // 0x7F FLAC 1.0, fLaC, STREAMINFO 4608-sample blocks, rate / channels / depth; the comment with libFLAC's vendor string
  const header = (info: string): string =>
    `streamheader=(buffer)< 7f464c414301000002664c61430000002212001200000000000000${info}00000000000000000000000000000000000000000, 84000046200000007265666572656e6365206c6962464c414320312e342e32203230323231303232010000001a0000004445534352495054494f4e3d617564696f746573742077617665 >`;
  it.each([
    // audioconvert picks S8 (the first format flacenc takes): 8 bits
    [`${S} ! audioconvert ! audioresample ! flacenc ! fakesink`, 'flacenc0.src', `audio/x-flac, channels=(int)1, rate=(int)44100, ${header('0ac4407')}`],
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! flacenc ! fakesink`, 'flacenc0.src', `audio/x-flac, channels=(int)2, rate=(int)48000, ${header('0bb802f')}`],
    [`${S} ! audio/x-raw,format=S16LE,channels=6 ! audioconvert ! flacenc ! fakesink`, 'flacenc0.src', `audio/x-flac, channels=(int)6, rate=(int)44100, ${header('0ac44af')}`],
    // flacparse: channels, framed, rate, then the headers as they came
    [`${S} ! audioconvert ! flacenc ! flacparse ! fakesink`, 'flacparse0.src', `audio/x-flac, channels=(int)1, framed=(boolean)true, rate=(int)44100, ${header('0ac4407')}`],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('speexenc writes its headers into streamheader', () => {
  it.each([
    // narrowband at 11025 Hz (160-sample frames); the comment header carries the upstream tags
    [`${S} ! audio/x-raw,rate=11025 ! audioconvert ! speexenc ! fakesink`, 'speexenc0.src', 'audio/x-speex, rate=(int)11025, channels=(int)1, streamheader=(buffer)< 5370656578202020312e322e310000000000000000000000000000000100000050000000112b0000000000000400000001000000ffffffffa00000000000000001000000000000000000000000000000, 1f000000456e636f6465642077697468204753747265616d6572205370656578656e63010000001a0000004445534352495054494f4e3d617564696f74657374207761766501 >'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('sbcenc fixates what downstream allows with its own preferences', () => {
  it.each([
    // joint stereo, 16 blocks, 8 subbands, loudness, bitpool 64; parsed keeps the place sbcdec's caps give it
    [`${S} ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! sbcenc ! sbcdec ! fakesink`, 'sbcenc0.src', 'audio/x-sbc, rate=(int)48000, channels=(int)2, parsed=(boolean)true, channel-mode=(string)joint, blocks=(int)16, subbands=(int)8, allocation-method=(string)loudness, bitpool=(int)64'],
    [`${S} ! audio/x-raw,channels=2,rate=32000 ! audioconvert ! sbcenc ! audio/x-sbc,bitpool=32,blocks=8 ! fakesink`, 'sbcenc0.src', 'audio/x-sbc, rate=(int)32000, channels=(int)2, channel-mode=(string)joint, blocks=(int)8, subbands=(int)8, allocation-method=(string)loudness, bitpool=(int)32, parsed=(boolean)true'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});

describe('audiopanorama transform_caps: stereo out, mono or stereo in, no channel mask', () => {
  it.each([
    [`${S} ! audioconvert ! audiopanorama ! audioconvert ! audio/x-raw,format=S24LE ! fakesink`, 'audiopanorama0.src', 'audio/x-raw, rate=(int)44100, format=(string)F32LE, channels=(int)2, layout=(string)interleaved'],
  ])('%s: %s', (pipeline, pad, gst) => {
    expect(negotiate(pipeline).pads[pad]).toBe(gst);
  });
});
