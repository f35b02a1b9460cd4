import { z } from "zod";

const group = z.object({ group: z.string(), n: z.number().int().nonnegative(), accuracy: z.number().min(0).max(1) }).readonly();
const accuracy = z.object({ groups: z.array(group).readonly(), worst: group.nullable(), average: z.number().nullable() }).readonly();

/**
 * Worst-group accuracy of a trained model's test rows for one group field of its dataset (e.g.
 * Waterbirds' `place`): `groupAccuracy` of the distilled model and of the label model, as the
 * train job stores them in `TrainedModel.metrics.groups` and the Train page reads them.
 *
 * @example
 * const groups = z.array(groupAccuracyReportSchema).parse(metrics.groups);
 * groups[0].distilled.worst; // { group: "circle / water", n: 12, accuracy: 0.58 }
 */
export const groupAccuracyReportSchema = z.object({
  field: z.string().min(1),
  distilled: accuracy,
  labelModel: accuracy,
});
export type GroupAccuracyReport = z.infer<typeof groupAccuracyReportSchema>;
