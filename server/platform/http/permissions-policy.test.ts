import { describe, expect, it } from 'vitest';
import { permissionsPolicyFor } from './permissions-policy.js';

describe('permissionsPolicyFor', () => {
  it('allows camera, microphone and screen sharing on the video pages only, to this origin only', () => {
    for (const path of ['/video', '/video/check', '/video/call/2b1c5a8e-0000-4000-8000-000000000001']) {
      expect(permissionsPolicyFor(path)).toMatch(/^camera=\(self\), microphone=\(self\), display-capture=\(self\),/);
    }
    for (const path of ['/', '/caseload', '/referrals/1/case', '/videos', '/api/public/video/open', '/video-call']) {
      expect(permissionsPolicyFor(path)).toMatch(/^camera=\(\), microphone=\(\), display-capture=\(\),/);
    }
  });
});
