import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrModules, qrPath } from './qr';

/** Paints the modules as a phone camera would see them: 4 px a module, white quiet zone. */
function pixels(modules: boolean[][], scale = 4, quiet = 4) {
  const size = (modules.length + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    });
  });
  return { data, size };
}

describe('the authenticator set-up QR code', () => {
  const uri =
    'otpauth://totp/Waymark:admin%40northshire.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Waymark&algorithm=SHA1&digits=6&period=30';

  it('decodes, as a phone would read it, to exactly the set-up link', () => {
    const { data, size } = pixels(qrModules(uri));
    expect(jsQR(data, size, size)?.data).toBe(uri);
  });

  it('draws one unit square per dark module', () => {
    const modules = qrModules(uri);
    const dark = modules.flat().filter(Boolean).length;
    expect(dark).toBeGreaterThan(100);
    expect(qrPath(modules).match(/M/g)).toHaveLength(dark);
  });
});
