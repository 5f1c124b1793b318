import { qrModules, qrPath } from './qr';

/**
 * A QR code of the authenticator set-up link, for scanning with a phone. Drawn here from the
 * link (no image service sees the secret); the quiet zone of four modules is part of the box.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const modules = qrModules(text);
  const size = modules.length + 8;
  return (
    <svg
      className="waymark-qr"
      role="img"
      aria-label={label}
      viewBox={`-4 -4 ${size} ${size}`}
      width="200"
      height="200"
      shapeRendering="crispEdges"
    >
      <rect x="-4" y="-4" width={size} height={size} fill="#ffffff" />
      <path d={qrPath(modules)} fill="#000000" />
    </svg>
  );
}
