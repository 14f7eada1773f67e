import { z } from 'zod';
import { readResourceJson } from '../resources';
import { EMOTION_TEMPLATES, type EmotionTemplate } from '../store/types';

const Displacement = z.tuple([z.number(), z.number()]);
const TemplateFile = z.object({
  version: z.literal(1),
  templates: z.record(
    z.enum(EMOTION_TEMPLATES),
    z.object({ label: z.string(), points: z.record(z.string().regex(/^\d+$/), Displacement) }),
  ),
});

/** A template as displacements of mesh points, in face heights, on the upright face. */
export interface ExpressionTemplate {
  name: EmotionTemplate;
  label: string;
  points: Map<number, [number, number]>;
}

let templates: Map<EmotionTemplate, ExpressionTemplate> | undefined;

/** The emotion templates shipped in resources/templates/emotions.json (validated once). */
export function emotionTemplates(): Map<EmotionTemplate, ExpressionTemplate> {
  if (templates) return templates;
  const file = TemplateFile.parse(readResourceJson('templates', 'emotions.json'));
  templates = new Map(
    EMOTION_TEMPLATES.map((name) => {
      const t = file.templates[name];
      if (!t) throw new Error(`emotion template "${name}" is missing from resources/templates/emotions.json`);
      const points = new Map(Object.entries(t.points).map(([k, v]) => [Number(k), v as [number, number]]));
      return [name, { name, label: t.label, points }];
    }),
  );
  return templates;
}

/** Weighted sum of templates: the displacement field of one frame. */
export function mixTemplates(weights: Partial<Record<EmotionTemplate, number>>): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (const [name, w] of Object.entries(weights) as [EmotionTemplate, number][]) {
    if (!w) continue;
    for (const [point, [dx, dy]] of emotionTemplates().get(name)!.points) {
      const acc = out.get(point) ?? [0, 0];
      out.set(point, [acc[0] + w * dx, acc[1] + w * dy]);
    }
  }
  return out;
}
