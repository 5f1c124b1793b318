import { encode } from 'uqr';

/** The modules (dark = true) of a QR code for `text`, made on this device: the secret never leaves it. */
export function qrModules(text: string): boolean[][] {
  return encode(text, { border: 0, ecc: 'M' }).data;
}

/** One SVG path of unit squares, one per dark module, in a size × size box. */
export function qrPath(modules: boolean[][]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return parts.join('');
}
