// The part of `ws` (the WebSocket server under @fastify/websocket) that Waymark and the plugin's
// own types use. @types/ws is not installed yet: adding it is an `npm install`, which this
// change could not run; replace this file with it then.
declare module 'ws' {
  import type { EventEmitter } from 'node:events';

  export type RawData = Buffer | ArrayBuffer | Buffer[];

  export interface ServerOptions {
    maxPayload?: number;
    path?: string;
    clientTracking?: boolean;
  }

  export class WebSocket extends EventEmitter {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    readonly CONNECTING: 0;
    readonly OPEN: 1;
    readonly CLOSING: 2;
    readonly CLOSED: 3;
    readonly readyState: 0 | 1 | 2 | 3;
    /** A client (tests): headers such as the session cookie and the Origin a browser would send. */
    constructor(address: string, options?: { headers?: Record<string, string> });
    send(data: string | Buffer, cb?: (err?: Error) => void): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    ping(): void;
    on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'open', listener: () => void): this;
    on(event: 'pong', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    once(event: 'message', listener: (data: RawData, isBinary: boolean) => void): this;
    once(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    once(event: 'open', listener: () => void): this;
    once(event: 'error', listener: (err: Error) => void): this;
  }

  export class Server extends EventEmitter {
    clients: Set<WebSocket>;
    constructor(options?: ServerOptions);
  }

  export default WebSocket;
}
