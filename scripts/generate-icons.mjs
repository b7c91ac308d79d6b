// Draws Parley's icons from one vector design and writes every size the installers and the tray
// need into resources/. Run `npm run icons` after changing the design; the output is committed.
//
//   resources/icon.png             512 px, the window and notification icon
//   resources/icons/NxN.png         16…1024 px, Linux (AppImage, deb)
//   resources/icon.ico              Windows (NSIS), PNG-compressed entries 16…256
//   resources/icon.icns             macOS (DMG), PNG entries 16…1024
//   resources/tray/tray*.png        tray icon, plain and with an unread badge (1…9, 9+), 16 px and @2x
//   resources/tray/trayTemplate*.png macOS menu-bar template (black on transparent)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const out = resolve(import.meta.dirname, '..', 'resources');
const BLUE = '#2f6fd6';
const BLUE_DARK = '#2558b0';
const RED = '#e5483f';

// The mark on a 1024 grid: a speech bubble with a tail, and a "P" drawn with strokes (no fonts).
const bubble =
  'M232 200 H792 A120 120 0 0 1 912 320 V640 A120 120 0 0 1 792 760 H420 L252 900 L284 760 H232 A120 120 0 0 1 112 640 V320 A120 120 0 0 1 232 200 Z';
const letterP = 'M430 660 V300 H560 A110 110 0 0 1 560 520 H430';

function appIconSvg() {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="${BLUE}"/><stop offset="1" stop-color="${BLUE_DARK}"/></linearGradient></defs>
  <rect x="32" y="32" width="960" height="960" rx="216" fill="url(#g)"/>
  <g transform="translate(512 540) scale(0.78) translate(-512 -550)">
    <path d="${bubble}" fill="#ffffff"/>
    <path d="${letterP}" fill="none" stroke="${BLUE}" stroke-width="92" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
</svg>`;
}

// Seven-segment-like digits on a 10×14 grid, crisp at tray sizes.
const glyphs = {
  1: 'M3.5 3.5 L5 2 V12',
  2: 'M2 2 H8 V7 H2 V12 H8',
  3: 'M2 2 H8 V12 H2 M2 7 H8',
  4: 'M2 2 V7 H8 M8 2 V12',
  5: 'M8 2 H2 V7 H8 V12 H2',
  6: 'M8 2 H2 V12 H8 V7 H2',
  7: 'M2 2 H8 V12',
  8: 'M2 2 H8 V12 H2 Z M2 7 H8',
  9: 'M8 7 H2 V2 H8 V12 H2',
  '+': 'M5 4.5 V9.5 M2.5 7 H7.5',
};

function badgeSvg(label) {
  const chars = [...label];
  const width = 10 * chars.length;
  const path = chars.map((c, i) => `<path transform="translate(${i * 10} 0)" d="${glyphs[c]}"/>`).join('');
  // The badge sits in the top-right corner of a 32-unit icon.
  const scale = 1.05;
  const w = Math.max(18, width * scale + 8);
  return `<g>
    <rect x="${32 - w}" y="0" width="${w}" height="18" rx="9" fill="${RED}" stroke="#ffffff" stroke-width="1.5"/>
    <g transform="translate(${32 - w / 2 - (width * scale) / 2} 1.6) scale(${scale})" fill="none" stroke="#ffffff"
       stroke-width="2.1" stroke-linecap="square" stroke-linejoin="miter">${path}</g>
  </g>`;
}

function traySvg(label, template = false) {
  const fill = template ? '#000000' : BLUE;
  const cut = template ? '#000000' : '#ffffff';
  const mark = template
    ? `<mask id="m"><rect width="1024" height="1024" fill="#fff"/>
         <path d="${letterP}" fill="none" stroke="#000" stroke-width="110" stroke-linecap="round" stroke-linejoin="round"/></mask>
       <path d="${bubble}" fill="${fill}" mask="url(#m)"/>`
    : `<path d="${bubble}" fill="${fill}"/>
       <path d="${letterP}" fill="none" stroke="${cut}" stroke-width="110" stroke-linecap="round" stroke-linejoin="round"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <g transform="scale(${32 / 1024}) translate(0 -40)">${mark}</g>
  ${label ? badgeSvg(label) : ''}
</svg>`;
}

const png = (svg, size) =>
  sharp(Buffer.from(svg), { density: 72 * 8 })
    .resize(size, size)
    .png()
    .toBuffer();

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

function icns(entries) {
  const chunks = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

async function main() {
  mkdirSync(join(out, 'icons'), { recursive: true });
  mkdirSync(join(out, 'tray'), { recursive: true });
  const app = appIconSvg();
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  const bySize = new Map();
  for (const size of sizes) {
    const data = await png(app, size);
    bySize.set(size, data);
    writeFileSync(join(out, 'icons', `${size}x${size}.png`), data);
  }
  writeFileSync(join(out, 'icon.png'), bySize.get(512));
  writeFileSync(
    join(out, 'icon.ico'),
    ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: bySize.get(size) }))),
  );
  const icnsTypes = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ];
  writeFileSync(
    join(out, 'icon.icns'),
    icns(icnsTypes.map(([type, size]) => ({ type, data: bySize.get(size) }))),
  );

  const labels = ['', '1', '2', '3', '4', '5', '6', '7', '8', '9', '9+'];
  for (const label of labels) {
    const name = label === '' ? 'tray' : `tray-${label === '9+' ? '9plus' : label}`;
    const svg = traySvg(label);
    writeFileSync(join(out, 'tray', `${name}.png`), await png(svg, 16));
    writeFileSync(join(out, 'tray', `${name}@2x.png`), await png(svg, 32));
  }
  const template = traySvg('', true);
  writeFileSync(join(out, 'tray', 'trayTemplate.png'), await png(template, 16));
  writeFileSync(join(out, 'tray', 'trayTemplate@2x.png'), await png(template, 32));
  console.log(`icons written to ${out}`);
}

await main();
