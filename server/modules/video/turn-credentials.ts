import { createHmac } from 'node:crypto';
import { type IceServer, isTurnServer } from '../../../common/video.js';

// Time-limited TURN credentials (coturn's "TURN REST API": `use-auth-secret` with a
// `static-auth-secret` shared with Waymark). Each connection that joins a call is handed its own
// username, "<expiry in Unix seconds>:<label>", and its password, the base64 HMAC-SHA1 of that
// username under the shared secret. coturn checks both and refuses an expired one, so a
// credential copied out of a browser is worth a few hours at most, and no TURN password lives
// in any page. A TURN server given fixed credentials in ICE_SERVERS keeps them.

/** How long a credential stays usable: the longest call, with room to reconnect. */
export const TURN_CREDENTIAL_TTL_SECONDS = 4 * 60 * 60;

/** The ICE servers for one connection: TURN entries without credentials get fresh time-limited ones. */
export function iceServersFor(
  servers: IceServer[],
  sharedSecret: string | undefined,
  label: string,
  now = new Date(),
): IceServer[] {
  if (!sharedSecret) return servers;
  const expires = Math.floor(now.getTime() / 1000) + TURN_CREDENTIAL_TTL_SECONDS;
  const username = `${expires}:${label}`;
  const credential = createHmac('sha1', sharedSecret).update(username).digest('base64');
  return servers.map((s) => (isTurnServer(s) && s.username === undefined ? { ...s, username, credential } : s));
}
