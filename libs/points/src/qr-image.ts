import QRCode from 'qrcode';

/** A rendered QR code. */
export interface QrImage {
  contentType: 'image/svg+xml' | 'image/png';
  body: Buffer;
}

/**
 * A QR code of the text, ready to print: medium error correction (a smudged sticker still
 * scans) and the standard quiet zone; PNG at 512 px (sharp at 300 dpi up to about 4 cm,
 * a counter sticker), SVG to scale freely for anything larger.
 */
export async function qrImage(text: string, format: 'svg' | 'png'): Promise<QrImage> {
  const options = { errorCorrectionLevel: 'M', margin: 4 } as const;
  if (format === 'png') return { contentType: 'image/png', body: await QRCode.toBuffer(text, { ...options, type: 'png', width: 512 }) };
  return { contentType: 'image/svg+xml', body: Buffer.from(await QRCode.toString(text, { ...options, type: 'svg' })) };
}
