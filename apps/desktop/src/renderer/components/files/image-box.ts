export interface Box {
  width: number;
  height: number;
}

/** Images whose size is not known yet get this box. */
export const unknownImageBox: Box = { width: 240, height: 180 };

/**
 * The box an image takes in the message list, from its pixel size: scaled down (never up) to fit
 * `max`, and at least `min` on each side, so a long strip stays visible and every row has its final
 * height before the picture arrives. The picture is cropped to the box when a side was raised.
 */
export function fitImageBox(
  width: number | null,
  height: number | null,
  max: Box = { width: 320, height: 320 },
  min = 48,
): Box {
  if (!width || !height || width <= 0 || height <= 0) return unknownImageBox;
  const scale = Math.min(1, max.width / width, max.height / height);
  return {
    width: Math.round(Math.min(max.width, Math.max(min, width * scale))),
    height: Math.round(Math.min(max.height, Math.max(min, height * scale))),
  };
}
