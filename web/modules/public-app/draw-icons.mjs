// Draws the public app's icons (web/public/icons/*.png) from the favicon's NHS logo
// (web/public/favicon.svg), with no browser and no network: the SVG path is flattened to
// polygons and filled even-odd, 4×4 samples a pixel for smooth edges.
// Run after changing the favicon: `node web/modules/public-app/draw-icons.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const here = (path) => new URL(path, import.meta.url);
const NHS_BLUE = [0x00, 0x5e, 0xb8];
const WHITE = [0xff, 0xff, 0xff];
/** The logo's box in the favicon's 108×108 viewBox. */
const LOGO = { x: 4, y: 34, width: 100, height: 40 };

/** The blue path of favicon.svg: the logo's box with the letters cut out of it. */
function logoPath() {
  const svg = readFileSync(here('../../public/favicon.svg'), 'utf8');
  const match = /<path fill="#005EB8" d="([^"]+)"/.exec(svg);
  if (!match) throw new Error('favicon.svg has no NHS blue path: the icons are drawn from it');
  return match[1];
}

/** SVG path data → closed polygons (lists of [x, y]); supports M L H V C A Z, absolute and relative. */
function flatten(d) {
  const tokens = d.match(/[a-zA-Z]|[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/g) ?? [];
  const polygons = [];
  let polygon = [];
  let [x, y, startX, startY] = [0, 0, 0, 0];
  let command = '';
  let i = 0;
  const next = () => Number(tokens[i++]);
  const close = () => {
    if (polygon.length > 2) polygons.push(polygon);
    polygon = [];
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    const relative = command === command.toLowerCase();
    const [ox, oy] = relative ? [x, y] : [0, 0];
    switch (command.toUpperCase()) {
      case 'M':
        close();
        [x, y] = [ox + next(), oy + next()];
        [startX, startY] = [x, y];
        polygon.push([x, y]);
        command = relative ? 'l' : 'L'; // further pairs are lines
        break;
      case 'L':
        [x, y] = [ox + next(), oy + next()];
        polygon.push([x, y]);
        break;
      case 'H':
        x = ox + next();
        polygon.push([x, y]);
        break;
      case 'V':
        y = oy + next();
        polygon.push([x, y]);
        break;
      case 'C': {
        const [x1, y1, x2, y2, ex, ey] = [ox + next(), oy + next(), ox + next(), oy + next(), ox + next(), oy + next()];
        for (let t = 1; t <= 16; t++) {
          const s = t / 16;
          const u = 1 - s;
          polygon.push([
            u * u * u * x + 3 * u * u * s * x1 + 3 * u * s * s * x2 + s * s * s * ex,
            u * u * u * y + 3 * u * u * s * y1 + 3 * u * s * s * y2 + s * s * s * ey,
          ]);
        }
        [x, y] = [ex, ey];
        break;
      }
      case 'A': {
        const [rx, ry, rotation, large, sweep] = [next(), next(), next(), next(), next()];
        const [ex, ey] = [ox + next(), oy + next()];
        polygon.push(...arc(x, y, rx, ry, rotation, large, sweep, ex, ey));
        [x, y] = [ex, ey];
        break;
      }
      case 'Z':
        close();
        [x, y] = [startX, startY];
        break;
      default:
        throw new Error(`favicon.svg uses the path command ${command}, which draw-icons.mjs does not draw`);
    }
  }
  close();
  return polygons;
}

/** An elliptical arc as points (SVG spec, appendix B.2.4: endpoint to centre parameterisation). */
function arc(x1, y1, rx, ry, degrees, large, sweep, x2, y2) {
  const phi = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(phi), Math.sin(phi)];
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  const scale = Math.max(1, Math.sqrt((x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry)));
  [rx, ry] = [rx * scale, ry * scale];
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const root = Math.sqrt(Math.max(0, num / (rx * rx * y1p * y1p + ry * ry * x1p * x1p)));
  const sign = large === sweep ? -1 : 1;
  const cxp = (sign * root * rx * y1p) / ry;
  const cyp = (-sign * root * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angle = (ux, uy) => Math.atan2(uy, ux);
  const start = angle((x1p - cxp) / rx, (y1p - cyp) / ry);
  let delta = angle((-x1p - cxp) / rx, (-y1p - cyp) / ry) - start;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  const points = [];
  for (let t = 1; t <= 16; t++) {
    const a = start + (delta * t) / 16;
    points.push([
      cx + rx * Math.cos(a) * cos - ry * Math.sin(a) * sin,
      cy + rx * Math.cos(a) * sin + ry * Math.sin(a) * cos,
    ]);
  }
  return points;
}

/** Fraction of each pixel inside the polygons (even-odd), 4×4 samples a pixel. */
function coverage(polygons, size, transform) {
  const SAMPLES = 4;
  const cover = new Float32Array(size * size);
  const edges = polygons.flatMap((poly) => poly.map((p, k) => [transform(p), transform(poly[(k + 1) % poly.length])]));
  for (let row = 0; row < size * SAMPLES; row++) {
    const sy = (row + 0.5) / SAMPLES;
    const crossings = [];
    for (const [[ax, ay], [bx, by]] of edges) {
      if (ay <= sy === by <= sy) continue;
      crossings.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
    }
    crossings.sort((a, b) => a - b);
    const py = Math.floor(row / SAMPLES);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      for (let col = Math.ceil(crossings[k] * SAMPLES - 0.5); (col + 0.5) / SAMPLES < crossings[k + 1]; col++) {
        const px = Math.floor(col / SAMPLES);
        if (px >= 0 && px < size) cover[py * size + px] += 1 / (SAMPLES * SAMPLES);
      }
    }
  }
  return cover;
}

/**
 * One icon: a square of `background`, the logo's box in `box` (if any) and the letters in
 * `letters`, the logo `logoWidth` of the icon wide, centred.
 */
function drawIcon({ size, background, box, letters, logoWidth }) {
  const scale = (size * logoWidth) / LOGO.width;
  const left = (size - LOGO.width * scale) / 2;
  const top = (size - LOGO.height * scale) / 2;
  const transform = ([px, py]) => [left + (px - LOGO.x) * scale, top + (py - LOGO.y) * scale];
  const blue = coverage(flatten(logoPath()), size, transform);
  const { x, y, width, height } = LOGO;
  const rect = [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
  const inBox = coverage([rect], size, transform);
  const png = new PNG({ width: size, height: size });
  for (let p = 0; p < size * size; p++) {
    // The letters are the box minus the blue path.
    const letterCover = Math.max(0, inBox[p] - blue[p]);
    const boxCover = box ? Math.min(1, blue[p]) : 0;
    for (let c = 0; c < 3; c++) {
      let value = background[c];
      if (box) value = value * (1 - boxCover) + box[c] * boxCover;
      value = value * (1 - letterCover) + letters[c] * letterCover;
      png.data[p * 4 + c] = Math.round(value);
    }
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

const ICONS = [
  // Purpose "any": the logo as the favicon shows it, on white.
  { file: 'icon-192.png', size: 192, background: WHITE, box: NHS_BLUE, letters: WHITE, logoWidth: 0.86 },
  { file: 'icon-512.png', size: 512, background: WHITE, box: NHS_BLUE, letters: WHITE, logoWidth: 0.86 },
  // Maskable: launchers crop to a shape inside the middle 80 %, so all blue with the letters well inside it.
  { file: 'icon-maskable-512.png', size: 512, background: NHS_BLUE, box: null, letters: WHITE, logoWidth: 0.6 },
];

for (const { file, ...icon } of ICONS) {
  writeFileSync(here(`../../public/icons/${file}`), drawIcon(icon));
  console.log(`web/public/icons/${file}`);
}
