import { describe, expect, it } from 'vitest';
import { fitImageBox, unknownImageBox } from '../../src/renderer/components/files/image-box.js';

describe('the box of a picture in the message list', () => {
  it('scales large pictures down to fit 320×320, keeping the aspect ratio', () => {
    expect(fitImageBox(4000, 3000)).toEqual({ width: 320, height: 240 });
    expect(fitImageBox(1080, 1920)).toEqual({ width: 180, height: 320 });
  });

  it('never enlarges small pictures', () => {
    expect(fitImageBox(120, 90)).toEqual({ width: 120, height: 90 });
  });

  it('keeps a long strip visible (cropped) instead of a hairline', () => {
    expect(fitImageBox(5000, 20)).toEqual({ width: 320, height: 48 });
    expect(fitImageBox(10, 3000)).toEqual({ width: 48, height: 320 });
  });

  it('has a fixed box when the size is not known', () => {
    expect(fitImageBox(null, null)).toBe(unknownImageBox);
    expect(fitImageBox(0, 100)).toBe(unknownImageBox);
  });
});
