/**
 * The zod schema of a registry snapshot file (`capsflow-registry/1`). Zod lives only at this boundary:
 * once a snapshot passed it, the rest of the code works on the plain readonly types in registry.ts.
 */
import { z } from 'zod';

/** the GstPadFlags the importer records: the ones that say how a pad passes queries and caps on */
export const PAD_FLAGS = ['fixed-caps', 'proxy-caps', 'proxy-allocation', 'proxy-scheduling', 'accept-intersect', 'accept-template'] as const;

const padTemplate = z.strictObject({
  name: z.string().min(1),
  direction: z.enum(['src', 'sink']),
  presence: z.enum(['always', 'sometimes', 'request']),
  caps: z.string(),
});

const enumValue = z.strictObject({
  value: z.number().int(),
  nick: z.string(),
  name: z.string().optional(),
});

const property = z.strictObject({
  name: z.string().min(1),
  type: z.string().min(1),
  default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  enum: z.array(enumValue).readonly().optional(),
  kind: z.enum(['enum', 'flags']).optional(),
  flags: z.array(z.string()).readonly().optional(),
  writable: z.boolean().optional(),
});

export const elementFactory = z.strictObject({
  name: z.string().min(1),
  klass: z.string(),
  rank: z.number().int().nonnegative(),
  plugin: z.string(),
  description: z.string(),
  padTemplates: z.array(padTemplate).readonly(),
  properties: z.array(property).readonly(),
  typeChain: z.array(z.string().min(1)).readonly().optional(),
  vfuncs: z.record(z.string(), z.string().min(1).nullable()).optional(),
  transform: z
    .strictObject({
      passthroughOnSameCaps: z.boolean(),
      transformIpOnPassthrough: z.boolean(),
      passthrough: z.boolean().optional(),
      inPlace: z.boolean().optional(),
    })
    .optional(),
  padFlags: z.record(z.string(), z.array(z.enum(PAD_FLAGS)).readonly()).optional(),
});

export const registrySnapshotSchema = z
  .strictObject({
    format: z.literal('capsflow-registry/1'),
    gstreamer: z.string(),
    generated: z.string(),
    elements: z.record(z.string(), elementFactory),
  })
  .superRefine((snap, ctx) => {
    // the key is what pipelines look up; the name is what reports print: they must agree
    for (const [key, factory] of Object.entries(snap.elements)) {
      if (factory.name !== key) {
        ctx.addIssue({
          code: 'custom',
          path: ['elements', key, 'name'],
          message: `factory name '${factory.name}' differs from its key '${key}'`,
        });
      }
      const seen = new Set<string>();
      factory.padTemplates.forEach((t, i) => {
        if (seen.has(t.name)) {
          ctx.addIssue({ code: 'custom', path: ['elements', key, 'padTemplates', i, 'name'], message: `duplicate pad template '${t.name}'` });
        }
        seen.add(t.name);
      });
    }
  });

export type RegistrySnapshotInput = z.input<typeof registrySnapshotSchema>;
