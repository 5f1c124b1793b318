import type { IceServer, Signal, VideoCallState, VideoServerMessage } from '../../../common/video';

// One side of a video call in the browser: the signalling WebSocket to Waymark and the
// RTCPeerConnection to the other side. Media goes peer to peer, encrypted by the browser
// (DTLS-SRTP); only offers, answers and candidates pass through Waymark. The worker always makes
// the offer (so the two never offer at once); the person answers. When the network changes, the
// worker restarts ICE with a new offer over the same call, with no new link.

export type CallRole = 'person' | 'worker';

export interface CallView {
  /** Connecting, then the call's state as the server says it. */
  state: 'connecting' | VideoCallState;
  /** The worker's side: whether the person is connected. */
  personPresent: boolean;
  /** The other side's connection dropped out of the call (it may come back). */
  peerAway: boolean;
  refused: 'unavailable' | 'in_use' | 'not_allowed' | null;
  /** The appointment's time (ISO 8601), once joined. */
  at: string | null;
  error: string | null;
}

export interface CallHandlers {
  onView(view: CallView): void;
  onRemoteStream(stream: MediaStream): void;
}

const signalUrl = (role: CallRole) =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/${
    role === 'person' ? 'public/' : ''
  }video/signal`;

export class VideoCall {
  private ws: WebSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  private iceServers: IceServer[] = [];
  private remote = new MediaStream();
  private view: CallView = {
    state: 'connecting',
    personPresent: false,
    peerAway: false,
    refused: null,
    at: null,
    error: null,
  };

  constructor(
    private readonly role: CallRole,
    private local: MediaStream,
    private readonly handlers: CallHandlers,
  ) {}

  /** Opens the signalling connection: the person joins with the link's token, the worker with the appointment's id. */
  connect(join: { token: string } | { appointmentId: string }): void {
    const ws = new WebSocket(signalUrl(this.role));
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'join', ...join }));
    ws.onmessage = (event) => {
      void this.receive(JSON.parse(String(event.data)) as VideoServerMessage);
    };
    ws.onclose = () => {
      if (this.view.state !== 'ended' && !this.view.refused)
        this.update({ error: 'The connection to Waymark was lost.' });
    };
  }

  private update(change: Partial<CallView>) {
    this.view = { ...this.view, ...change };
    this.handlers.onView(this.view);
  }

  private send(message: object) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private async receive(message: VideoServerMessage) {
    switch (message.type) {
      case 'joined':
        this.iceServers = message.iceServers;
        this.update({ state: message.state, at: message.at, personPresent: message.personPresent ?? false });
        // Back in a call after a drop: the worker offers again, restarting ICE.
        if (message.state === 'in_call') await this.startCall(this.role === 'worker');
        return;
      case 'state':
        this.update({
          state: message.state,
          ...(message.personPresent !== undefined ? { personPresent: message.personPresent } : {}),
        });
        if (message.state === 'in_call') await this.startCall(this.role === 'worker');
        if (message.state === 'ended') this.close();
        return;
      case 'peer':
        this.update({
          peerAway: !message.present,
          ...(this.role === 'worker' ? { personPresent: message.present } : {}),
        });
        if (message.present && this.role === 'worker') await this.offer(true);
        return;
      case 'signal':
        await this.onSignal(message.signal);
        return;
      case 'refused':
        this.update({ refused: message.reason });
        this.close();
        return;
      case 'error':
        this.update({ error: message.message });
        return;
    }
  }

  private peer(): RTCPeerConnection {
    if (this.pc) return this.pc;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    for (const track of this.local.getTracks()) pc.addTrack(track, this.local);
    pc.onicecandidate = (event) => {
      if (event.candidate) {
        this.send({
          type: 'signal',
          signal: {
            kind: 'candidate',
            candidate: event.candidate.candidate,
            sdpMid: event.candidate.sdpMid,
            sdpMLineIndex: event.candidate.sdpMLineIndex,
          },
        });
      }
    };
    pc.ontrack = (event) => {
      if (!this.remote.getTracks().includes(event.track)) this.remote.addTrack(event.track);
      this.handlers.onRemoteStream(this.remote);
    };
    // A changed network: the worker restarts ICE over the same call.
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === 'failed' && this.role === 'worker') void this.offer(true);
    };
    this.pc = pc;
    return pc;
  }

  private async startCall(offering: boolean) {
    this.peer();
    if (offering) await this.offer(false);
  }

  private async offer(iceRestart: boolean) {
    const pc = this.peer();
    const offer = await pc.createOffer({ iceRestart });
    await pc.setLocalDescription(offer);
    this.send({ type: 'signal', signal: { kind: 'offer', sdp: offer.sdp ?? '' } });
  }

  private async onSignal(signal: Signal) {
    const pc = this.peer();
    if (signal.kind === 'candidate') {
      await pc.addIceCandidate({
        candidate: signal.candidate,
        sdpMid: signal.sdpMid,
        sdpMLineIndex: signal.sdpMLineIndex,
      });
    } else if (signal.kind === 'offer') {
      await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      this.send({ type: 'signal', signal: { kind: 'answer', sdp: answer.sdp ?? '' } });
    } else {
      await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
    }
  }

  admit(): void {
    this.send({ type: 'admit' });
  }

  end(): void {
    this.send({ type: 'end' });
  }

  setMuted(muted: boolean): void {
    for (const track of this.local.getAudioTracks()) track.enabled = !muted;
  }

  setCameraOff(off: boolean): void {
    for (const track of this.local.getVideoTracks()) track.enabled = !off;
  }

  /** Sends the screen in place of the camera until sharing stops (the worker's side). */
  async shareScreen(): Promise<void> {
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
    const [track] = screen.getVideoTracks();
    const sender = this.pc?.getSenders().find((s) => s.track?.kind === 'video');
    if (!track || !sender) return;
    const camera = sender.track;
    await sender.replaceTrack(track);
    track.onended = () => {
      void sender.replaceTrack(camera);
    };
  }

  /** For the e2e test and the call's own health: bytes received so far. */
  async inboundBytes(): Promise<number> {
    if (!this.pc) return 0;
    let bytes = 0;
    (await this.pc.getStats()).forEach((report: { type: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp') bytes += report.bytesReceived ?? 0;
    });
    return bytes;
  }

  close(): void {
    this.pc?.close();
    this.pc = null;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close();
  }
}
