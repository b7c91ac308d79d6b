import { Limits } from '@parley/shared/limits';
import { describe, expect, it } from 'vitest';
import { nameForBytes, planSource, toSource } from '../../src/renderer/components/files/file-source.js';

describe('how a file goes to the main process', () => {
  it('goes by path whenever the system knows one, whatever its size', () => {
    expect(planSource({ size: 5 * 1024 ** 3 }, '/home/ann/big.iso')).toEqual({
      kind: 'path',
      path: '/home/ann/big.iso',
    });
  });

  it('goes as bytes when it exists only in the page, up to the IPC limit', () => {
    expect(planSource({ size: 1000 }, null)).toEqual({ kind: 'bytes' });
    expect(planSource({ size: Limits.bytesFromRendererMax }, null)).toEqual({ kind: 'bytes' });
    expect(planSource({ size: Limits.bytesFromRendererMax + 1 }, null)).toEqual({
      kind: 'too-large',
      max: Limits.bytesFromRendererMax,
    });
    expect(planSource({ size: 11 }, '', 10)).toEqual({ kind: 'too-large', max: 10 });
  });

  it('names pasted pictures after the moment they were pasted', () => {
    const at = new Date('2025-03-04T05:06:07Z');
    expect(nameForBytes({ name: 'image.png', type: 'image/png' }, at)).toBe('pasted-20250304-050607.png');
    expect(nameForBytes({ name: '', type: 'image/jpeg' }, at)).toBe('pasted-20250304-050607.jpg');
    expect(nameForBytes({ name: ' holiday.jpg ', type: 'image/jpeg' }, at)).toBe('holiday.jpg');
  });

  it('reads the bytes of a file without a path', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'a.bin', { type: 'application/octet-stream' });
    const source = await toSource(file, { kind: 'bytes' });
    expect(source).toMatchObject({ kind: 'bytes', name: 'a.bin', type: 'application/octet-stream' });
    expect(source.kind === 'bytes' && [...source.data]).toEqual([1, 2, 3]);
    expect(await toSource(file, { kind: 'path', path: '/tmp/a.bin' })).toEqual({
      kind: 'path',
      path: '/tmp/a.bin',
    });
    // The name the composer showed goes with the bytes.
    expect(await toSource(file, { kind: 'bytes' }, 'pasted-1.png')).toMatchObject({ name: 'pasted-1.png' });
  });
});
