/**
 * gldownload (GstGLDownloadElement, a GstGLBaseFilter → GstBaseTransform; gstgldownloadelement.c, 1.22).
 * transform_caps: towards the sink side every structure in system memory (simplified), offered as
 * memory:GLMemory first, then as system memory; towards the src side the caps as they are, then as
 * memory:DMABuf (a build with EGL dma-buf export, as the registry's src template says), then in system
 * memory, texture-target dropped from the two copies. passthrough_on_same_caps and prefer_passthrough: a
 * system-memory stream passes through, and in passthrough basetransform runs no decide_allocation, so no
 * GL context is needed for it.
 */
import { Caps, removeField, type CapsEntry, type CapsFeatures } from '../../../caps/index.js';
import { BaseTransform } from '../../base/basetransform.js';
import { mergeEntry, applyFilter } from '../transform-util.js';

const GL_MEMORY = 'memory:GLMemory';
const DMABUF = 'memory:DMABuf';

/** _set_caps_features: every structure with exactly this feature (system memory: none printed) */
function withFeature(caps: Caps, feature: string | null): CapsEntry[] {
  const features: CapsFeatures | null = feature === null ? null : { any: false, names: [feature] };
  return caps.entries.map((e) => ({ structure: e.structure, features }));
}

const dropTextureTarget = (entries: CapsEntry[]): CapsEntry[] => entries.map((e) => ({ ...e, structure: removeField(e.structure, 'texture-target') }));

export const gldownload = new BaseTransform({
  algorithm: 'gldownload',
  baseClass: 'GstGLBaseFilter',
  transformCaps(_ctx, direction, caps, filter) {
    if (caps.isAny() || caps.isEmpty()) return applyFilter(caps, filter);
    const out: CapsEntry[] = [];
    if (direction === 'src') {
      const sys = Caps.fromEntries(withFeature(caps, null)).simplify();
      for (const e of withFeature(sys, GL_MEMORY)) mergeEntry(out, e);
      for (const e of sys.entries) mergeEntry(out, e);
    } else {
      for (const e of caps.entries) mergeEntry(out, e);
      for (const e of dropTextureTarget(withFeature(caps, DMABUF))) mergeEntry(out, e);
      for (const e of dropTextureTarget(withFeature(caps, null))) mergeEntry(out, e);
    }
    return applyFilter(Caps.fromEntries(out), filter);
  },
});
