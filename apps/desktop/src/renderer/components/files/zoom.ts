/** Zoom levels of the viewer, as a scale of the picture's pixels: the buttons step through these. */
export const zoomSteps = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8] as const;
export const zoomMin = zoomSteps[0];
export const zoomMax = zoomSteps[zoomSteps.length - 1] ?? 8;

export const clampZoom = (z: number) => Math.min(zoomMax, Math.max(zoomMin, z));

/** The scale that shows the whole picture in the stage, never enlarged beyond its pixels. */
export function fitZoom(
  image: { width: number; height: number },
  stage: { width: number; height: number },
): number {
  if (image.width <= 0 || image.height <= 0 || stage.width <= 0 || stage.height <= 0) return 1;
  return clampZoom(Math.min(1, stage.width / image.width, stage.height / image.height));
}

/** The next step up (in) or down (out) from a scale that may lie between steps. */
export function stepZoom(current: number, direction: 'in' | 'out'): number {
  const eps = 1e-6;
  if (direction === 'in') return zoomSteps.find((z) => z > current + eps) ?? zoomMax;
  return [...zoomSteps].reverse().find((z) => z < current - eps) ?? zoomMin;
}

/** A wheel turn: smooth steps, about 10 % per notch (deltaY 100), in when scrolling up. */
export function wheelZoom(current: number, deltaY: number): number {
  return clampZoom(current * Math.pow(1.1, -deltaY / 100));
}

/** Double-click: from the fitted view to the picture's own pixels (or twice the fit when that is no bigger), and back. */
export function toggleZoom(current: number, fit: number): number {
  if (Math.abs(current - fit) > 1e-6) return fit;
  return fit < 1 ? 1 : clampZoom(fit * 2);
}
