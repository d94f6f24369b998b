/**
 * A GstElement that adds its src pads once it has read its input (qtdemux, typefind's src caps): no
 * CAPS answers beyond its templates, no caps pushed from a CAPS event; what it adds comes from the bytes
 * (ElementModel.padsFromInput), read by the subclass.
 */
import type { ElementNode, InputBytes, InputPads } from '../engine/model.js';
import type { Registry } from '../registry/registry.js';
import { GstElementModel, type ModelOptions } from './element.js';

export type InputRead = (input: InputBytes, el: ElementNode, registry: Registry) => InputPads | null;

export class Demuxer extends GstElementModel {
  constructor(
    private readonly read: InputRead,
    options: ModelOptions = {},
  ) {
    super(options);
  }

  override padsFromInput(el: ElementNode, input: InputBytes, registry: Registry): InputPads | null {
    return this.read(input, el, registry);
  }
}
