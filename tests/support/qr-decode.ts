import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads the text of a QR code from the PNG bytes. */
export function decodePng(bytes: Buffer): string {
  const png = PNG.sync.read(bytes);
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('No QR code in the PNG');
  return code.data;
}

/**
 * Reads the text of a QR code from the SVG `qrcode` draws: one white square, then the dark
 * modules as horizontal strokes (`M x y.5 h w m dx 0 h w ...`), rasterised here at 8 px a module.
 */
export function decodeSvg(svg: string): string {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const strokes = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !strokes) throw new Error('Not a QR code SVG');
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of strokes.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (command === 'M') [x, y] = [Number(a), Math.floor(Number(b))];
    else if (command === 'm') [x, y] = [x + Number(a), y + Math.floor(Number(b))];
    else {
      for (let i = 0; i < Number(a); i++) dark[y][x + i] = true;
      x += Number(a);
    }
  }
  const scale = 8;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      const value = dark[Math.floor(py / scale)][Math.floor(px / scale)] ? 0 : 255;
      pixels.set([value, value, value, 255], (py * width + px) * 4);
    }
  }
  const code = jsQR(pixels, width, width);
  if (!code) throw new Error('No QR code in the SVG');
  return code.data;
}
