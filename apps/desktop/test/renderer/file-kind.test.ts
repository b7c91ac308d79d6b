import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  fileFamily,
  opensAsProgram,
  tileLabel,
} from '../../src/renderer/components/files/file-kind.js';

describe('file kinds on a card', () => {
  it('come from the extension first', () => {
    expect(fileFamily('Q3 report.PDF', 'application/octet-stream')).toBe('pdf');
    expect(fileFamily('budget.xlsx', '')).toBe('sheet');
    expect(fileFamily('deck.pptx', '')).toBe('slides');
    expect(fileFamily('photos.tar.gz', '')).toBe('archive');
    expect(fileFamily('main.rs', '')).toBe('code');
    expect(fileFamily('setup.exe', 'application/octet-stream')).toBe('program');
  });

  it('fall back to the type, then to a plain file', () => {
    expect(fileFamily('scan', 'application/pdf')).toBe('pdf');
    expect(fileFamily('clip', 'video/mp4')).toBe('video');
    expect(fileFamily('README', 'text/plain; charset=utf-8')).toBe('text');
    expect(fileFamily('blob', 'application/octet-stream')).toBe('other');
  });

  it('label the tile with a short extension only', () => {
    expect(tileLabel('a.docx')).toBe('DOCX');
    expect(tileLabel('a.markdown')).toBe('');
    expect(tileLabel('Makefile')).toBe('');
    expect(tileLabel('.bashrc')).toBe('');
    expect(extensionOf('archive.tar.GZ')).toBe('gz');
    expect(extensionOf('dir/name.')).toBe('');
  });

  it('ask before opening anything that runs', () => {
    expect(opensAsProgram('invoice.pdf', false)).toBe(false);
    expect(opensAsProgram('invoice.pdf.exe', false)).toBe(true);
    expect(opensAsProgram('install.sh', false)).toBe(true);
    expect(opensAsProgram('tool', true)).toBe(true);
  });
});
