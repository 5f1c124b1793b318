import type { IceServer, Signal, VideoCallState, VideoRefusal, VideoServerMessage } from '../../../common/video';

// One side of a video call in the browser: the signalling WebSocket to Waymark and the
// RTCPeerConnection to the other side. Media goes peer to peer, encrypted by the browser
// (DTLS-SRTP); only offers, answers and candidates pass through Waymark. The worker always makes
// the offer (so the two never offer at once); the person answers.
//
// Reconnecting, without a new link:
// - The network changes under a live page (a phone moving from Wi-Fi to mobile data): ICE fails
//   or the signalling socket drops. The socket reconnects by itself; the person's page names its
//   earlier connection (`replaces`) and takes its place; the worker restarts ICE on the same peer
//   connections (a new offer with `iceRestart`), so the call carries on.
// - A page is opened afresh (reloaded, or the other device): a new peer connection on both sides.

export type CallRole = 'person' | 'worker';

export interface CallView {
  /** Connecting, then the call's state as the server says it. */
  state: 'connecting' | VideoCallState;
  /** The worker's side: whether the person is connected. */
  personPresent: boolean;
  /** The other side's connection dropped out of the call (it may come back). */
  peerAway: boolean;
  /** This side's connection to Waymark dropped and is being made again. */
  reconnecting: boolean;
  refused: VideoRefusal | null;
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

/** Waits before each attempt to reconnect: about a minute and a half in all, then it gives up. */
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000];
/** ICE "disconnected" this long (it may recover by itself) before the worker restarts it. */
const DISCONNECTED_GRACE_MS = 4_000;

export class VideoCall {
  private ws: WebSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  private iceServers: IceServer[] = [];
  private remote = new MediaStream();
  private join: { token: string } | { appointmentId: string } | null = null;
  /** The person's connection id from `joined`, named on reconnecting. */
  private connection: string | null = null;
  private attempts = 0;
  private inbox: Promise<void> = Promise.resolve();
  private closing = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private view: CallView = {
    state: 'connecting',
    personPresent: false,
    peerAway: false,
    reconnecting: false,
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
    this.join = join;
    this.open();
  }

  private open() {
    const ws = new WebSocket(signalUrl(this.role));
    this.ws = ws;
    ws.onopen = () => {
      const replaces = this.role === 'person' && this.connection ? { replaces: this.connection } : {};
      ws.send(JSON.stringify({ type: 'join', ...this.join, ...replaces }));
    };
    ws.onmessage = (event) => {
      // An earlier socket still talking (it is being replaced) is not listened to.
      if (ws !== this.ws) return;
      const message = JSON.parse(String(event.data)) as VideoServerMessage;
      // One at a time, in order: a candidate must not overtake the offer before it.
      this.inbox = this.inbox
        .then(() => this.receive(message))
        .catch(() => this.update({ error: 'The call could not be set up. Try leaving and joining again.' }));
    };
    ws.onclose = () => {
      if (ws !== this.ws || this.closing || this.view.state === 'ended' || this.view.refused) return;
      this.reconnect();
    };
  }

  private reconnect() {
    const delay = RECONNECT_DELAYS_MS[this.attempts];
    if (delay === undefined) {
      this.update({ reconnecting: false, error: 'The connection to Waymark was lost.' });
      return;
    }
    this.attempts += 1;
    this.update({ reconnecting: true });
    setTimeout(() => {
      if (!this.closing) this.open();
    }, delay);
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
      case 'joined': {
        this.attempts = 0;
        this.iceServers = message.iceServers;
        if (message.connection) this.connection = message.connection;
        this.update({
          state: message.state,
          at: message.at,
          personPresent: message.personPresent ?? false,
          reconnecting: false,
          error: null,
        });
        if (message.state === 'in_call') {
          // The worker takes the call back (a reload or a reconnection): admitting again hands
          // it this connection, and the person's side starts afresh with it.
          if (this.role === 'worker') this.admit();
          // The person keeps their peer connection if they had one (the worker restarts ICE).
          else this.peer();
        }
        return;
      }
      case 'state':
        this.update({
          state: message.state,
          ...(message.personPresent !== undefined ? { personPresent: message.personPresent } : {}),
        });
        if (message.state === 'in_call') {
          // Admitted (or the worker's side came back on a new page): a new peer connection.
          this.resetPeer();
          if (this.role === 'worker') await this.offer(false);
          else this.peer();
        }
        if (message.state === 'ended') this.close();
        return;
      case 'peer':
        this.update({
          peerAway: !message.present,
          ...(this.role === 'worker' ? { personPresent: message.present } : {}),
        });
        if (message.present && this.role === 'worker') {
          if (message.resumed && this.pc) {
            await this.offer(true);
          } else {
            this.resetPeer();
            await this.offer(false);
          }
        }
        return;
      case 'signal':
        await this.onSignal(message.signal);
        return;
      case 'refused':
        this.update({ refused: message.reason, reconnecting: false });
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
      if (event.candidate && pc === this.pc) {
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
      if (pc !== this.pc) return;
      if (!this.remote.getTracks().includes(event.track)) this.remote.addTrack(event.track);
      this.handlers.onRemoteStream(this.remote);
    };
    // A changed network: the worker restarts ICE over the same call.
    pc.oniceconnectionstatechange = () => {
      clearTimeout(this.disconnectedTimer);
      if (pc !== this.pc || this.role !== 'worker') return;
      if (pc.iceConnectionState === 'failed') void this.offer(true);
      if (pc.iceConnectionState === 'disconnected') {
        this.disconnectedTimer = setTimeout(() => {
          if (pc === this.pc && pc.iceConnectionState === 'disconnected') void this.offer(true);
        }, DISCONNECTED_GRACE_MS);
      }
    };
    this.pc = pc;
    return pc;
  }

  /** The other side is a new page: start again with a new peer connection. */
  private resetPeer() {
    clearTimeout(this.disconnectedTimer);
    this.pc?.close();
    this.pc = null;
    for (const track of this.remote.getTracks()) this.remote.removeTrack(track);
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

  /** The sender that carries this side's picture (camera or shared screen), if the call has one. */
  private videoSender(): RTCRtpSender | undefined {
    return this.pc?.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender;
  }

  /**
   * Audio only for the rest of the call: the camera stops (its light goes off) and no picture is
   * sent, which also spares a weak connection. The other side's picture still shows if they send one.
   */
  async switchToAudioOnly(): Promise<void> {
    for (const track of this.local.getVideoTracks()) {
      track.stop();
      this.local.removeTrack(track);
    }
    await this.videoSender()?.replaceTrack(null);
  }

  /**
   * Sends the screen in place of the camera until sharing stops (the worker's side). Returns the
   * function that stops sharing, or null when nothing was chosen.
   */
  async shareScreen(onStopped: () => void): Promise<(() => void) | null> {
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
    const [track] = screen.getVideoTracks();
    if (!track) return null;
    const sender = this.videoSender();
    const camera = this.local.getVideoTracks()[0] ?? null;
    if (sender) {
      await sender.replaceTrack(track);
    } else if (this.pc) {
      // A call begun with audio only has no picture to replace: add one and offer again.
      this.pc.addTrack(track, screen);
      await this.offer(false);
    }
    const stop = () => {
      track.onended = null;
      track.stop();
      void this.videoSender()?.replaceTrack(camera?.readyState === 'live' ? camera : null);
      onStopped();
    };
    track.onended = stop;
    return stop;
  }

  close(): void {
    this.closing = true;
    clearTimeout(this.disconnectedTimer);
    this.pc?.close();
    this.pc = null;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close();
  }
}
