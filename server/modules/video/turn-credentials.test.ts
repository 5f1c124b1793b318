import { describe, expect, it } from 'vitest';
import { iceServersFor, TURN_CREDENTIAL_TTL_SECONDS } from './turn-credentials.js';

const SECRET = 'a-synthetic-shared-secret-of-32-chars!!';
const STUN = { urls: 'stun:turn.example.org:3478' };
const TURN = { urls: ['turn:turn.example.org:3478', 'turns:turn.example.org:443?transport=tcp'] };
const FIXED = { urls: 'turn:other.example.org:3478', username: 'waymark', credential: 'synthetic' };

describe('time-limited TURN credentials (coturn use-auth-secret)', () => {
  it('gives a TURN server without credentials "<expiry>:<label>" and its HMAC-SHA1, leaving the others', () => {
    const now = new Date((1_765_000_000 - TURN_CREDENTIAL_TTL_SECONDS) * 1000);
    expect(iceServersFor([STUN, TURN, FIXED], SECRET, 'waymark-person', now)).toEqual([
      STUN,
      {
        ...TURN,
        username: '1765000000:waymark-person',
        // printf '%s' '1765000000:waymark-person' | openssl dgst -sha1 -hmac "$SECRET" -binary | base64
        credential: 'eRidJ+k1BMJzbub+y1DPpnevChY=',
      },
      FIXED,
    ]);
  });

  it('changes nothing without a shared secret', () => {
    expect(iceServersFor([STUN, FIXED], undefined, 'waymark-worker')).toEqual([STUN, FIXED]);
  });
});
