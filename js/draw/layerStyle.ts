// How each box layer is told apart when a picture has several: ground truth solid,
// predictions dashed (a different dash per further layer). Chosen from the layer keys alone,
// so every picture of a grid draws a layer the same way and the legend can show it.

/** Layer keys that read as ground truth ("ground_truth", "gt", "labels", "targets", …). */
const GROUND_TRUTH = /(^|[^a-z])(gt|ground[\s_-]?truth|truth|labels?|targets?|annotations?)([^a-z]|$)/i;

/** Dash patterns in CSS pixels; [] is a solid line. */
const DASHES: readonly (readonly number[])[] = [[], [7, 4], [2, 3], [10, 3, 2, 3]];

/** The dash pattern (CSS pixels, [] = solid) of each box layer key. */
export function boxLayerDashes(keys: readonly string[]): Map<string, readonly number[]> {
  const unique = [...new Set(keys)];
  const out = new Map<string, readonly number[]>();
  if (unique.length <= 1) {
    for (const key of unique) out.set(key, []);
    return out;
  }
  // Ground truth first (solid); without one, the first layer is solid.
  const truth = unique.filter((k) => GROUND_TRUTH.test(k));
  const others = unique.filter((k) => !GROUND_TRUTH.test(k));
  const ordered = truth.length > 0 ? [...truth, ...others] : unique;
  const solidCount = Math.max(1, truth.length);
  ordered.forEach((key, i) => {
    const dash = i < solidCount ? [] : (DASHES[1 + ((i - solidCount) % (DASHES.length - 1))] ?? []);
    out.set(key, dash);
  });
  return out;
}

/** The legend's name for a dash pattern (a CSS border style sample). */
export function lineName(dash: readonly number[]): string {
  if (dash.length === 0) return "solid";
  if (dash.length === 2 && (dash[0] ?? 0) <= 3) return "dotted";
  return "dashed";
}
