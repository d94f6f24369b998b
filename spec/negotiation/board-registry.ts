/**
 * The embedded 1.22 registry plus three elements it does not hold, with the facts their registries
 * publish (gst-inspect-1.0 on the board): NVIDIA's nvarguscamerasrc (Jetson, klass Video/Capture, NVMM
 * memory), libcamera's libcamerasrc (Source/Video), and alsasrc as gst-inspect-1.0 prints it on this
 * machine (plugins-base 1.22). They stand for what `capsflow registry import` brings from a board:
 * capsflow must treat them by their facts, never by their names.
 */
import { Registry, defaultRegistry, type ElementFactory } from '../../src/negotiation/index.js';

const BOARD: Record<string, ElementFactory> = {
  nvarguscamerasrc: {
    name: 'nvarguscamerasrc',
    klass: 'Video/Capture',
    rank: 256,
    plugin: 'nvarguscamerasrc',
    description: 'nVidia ARGUS Camera Source',
    padTemplates: [
      {
        name: 'src',
        direction: 'src',
        presence: 'always',
        caps: 'video/x-raw(memory:NVMM), width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], format=(string){ NV12, P010_10LE }, framerate=(fraction)[ 0/1, 120/1 ]',
      },
    ],
    properties: [
      { name: 'sensor-id', type: 'gint', default: 0, min: 0, max: 255 },
      { name: 'sensor-mode', type: 'gint', default: -1, min: -1, max: 255 },
    ],
    typeChain: ['GstNvArgusCameraSrc', 'GstBaseSrc', 'GstElement'],
  },
  libcamerasrc: {
    name: 'libcamerasrc',
    klass: 'Source/Video',
    rank: 256,
    plugin: 'libcamera',
    description: 'libcamera Source',
    padTemplates: [
      { name: 'src', direction: 'src', presence: 'always', caps: 'video/x-raw; image/jpeg; video/x-bayer' },
      { name: 'src_%u', direction: 'src', presence: 'request', caps: 'video/x-raw; image/jpeg; video/x-bayer' },
    ],
    properties: [{ name: 'camera-name', type: 'gchararray', default: null }],
    typeChain: ['GstLibcameraSrc', 'GstElement'],
  },
  alsasrc: {
    name: 'alsasrc',
    klass: 'Source/Audio',
    rank: 256,
    plugin: 'alsa',
    description: 'Read from a sound card via ALSA',
    padTemplates: [
      {
        name: 'src',
        direction: 'src',
        presence: 'always',
        caps: 'audio/x-raw, format=(string){ F64LE, F64BE, F32LE, F32BE, S32LE, S32BE, U32LE, U32BE, S24_32LE, S24_32BE, U24_32LE, U24_32BE, S24LE, S24BE, U24LE, U24BE, S20LE, S20BE, U20LE, U20BE, S18LE, S18BE, U18LE, U18BE, S16LE, S16BE, U16LE, U16BE, S8, U8 }, layout=(string)interleaved, rate=(int)[ 1, 2147483647 ], channels=(int)[ 1, 2147483647 ]',
      },
    ],
    properties: [{ name: 'device', type: 'gchararray', default: 'default' }],
    typeChain: ['GstAlsaSrc', 'GstAudioSrc', 'GstAudioBaseSrc', 'GstPushSrc', 'GstBaseSrc', 'GstElement'],
  },
};

let board: Registry | undefined;

export function boardRegistry(): Registry {
  const base = defaultRegistry().snapshot;
  board ??= Registry.fromSnapshot({ ...base, elements: { ...base.elements, ...BOARD } }, 'board');
  return board;
}
