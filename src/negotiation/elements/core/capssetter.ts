/**
 * Generic (media-agnostic) elements with their own caps logic:
 *
 * - capssetter (GstBaseTransform): transform_caps towards the src pad writes the fields of its `caps`
 *   property into every structure (with `join`, only into structures of the same name; `join=false` also
 *   renames them; `replace` drops the structure's own fields first); towards the sink pad it answers the
 *   filter, or ANY. basetransform's prefer_passthrough then puts the changed caps first in the sink pad's
 *   answer, so the source fixates to them (videotestsrc ! capssetter caps=video/x-raw,width=10 makes the
 *   source produce width 10, as gst-launch-1.0 -v shows).
 */
import { Caps, setField, type CapsEntry } from '../../../caps/index.js';
import { BaseTransform, type TransformContext } from '../../base/basetransform.js';

export const capssetter = new BaseTransform({
  algorithm: 'capssetter',
  needsCaps: false,
  transformCaps(ctx: TransformContext, direction, caps, filter) {
    if (direction !== 'sink') return filter === null || filter.isEmpty() ? Caps.ANY : filter;
    const raw = ctx.properties['caps'];
    const merge = typeof raw === 'string' ? Caps.parse(raw) : null;
    if (merge === null || !merge.ok || merge.caps.isAny() || caps.isAny()) return caps;
    const join = ctx.properties['join'] !== false;
    const replace = ctx.properties['replace'] === true;
    const entries: CapsEntry[] = caps.entries.map((e) => {
      let s = e.structure;
      for (const m of merge.caps.entries) {
        if (join && m.structure.name !== s.name) continue;
        if (!join) s = { name: m.structure.name, fields: s.fields };
        if (replace) s = { name: s.name, fields: [] };
        for (const f of m.structure.fields) s = setField(s, f.name, f.value);
      }
      return { structure: s, features: e.features };
    });
    return Caps.fromEntries(entries);
  },
});
