import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';

/** First byte of a TLS record carrying a handshake (ClientHello). */
const TLS_HANDSHAKE_RECORD = 0x16;

/**
 * `permissive`: TLS when the first byte says so, plaintext otherwise (Java's default).
 * `enforcing`: plaintext connections are refused.
 */
export type TlsMode = 'permissive' | 'enforcing';

/**
 * Looks at the first byte of an accepted connection and resolves with the socket to speak
 * remoting over: the socket itself for plaintext, a server-side TLSSocket over it for TLS.
 * The socket is left paused for its new reader. Resolves `undefined` (and destroys the
 * socket) when plaintext is refused, or when nothing arrives within `timeoutMs` (0 = no
 * limit) or the connection ends first. A plaintext frame below 16 MiB starts with 0x00,
 * so the test is unambiguous.
 */
export function sniffTls(socket: Socket, secureContext: SecureContext, mode: TlsMode, timeoutMs: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const giveUp = () => {
      socket.destroy();
      resolve(undefined);
    };
    const onFirstBytes = (first: Buffer) => {
      socket.off('close', giveUp);
      socket.off('timeout', giveUp);
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE_RECORD) {
        resolve(new TLSSocket(socket, { isServer: true, secureContext }));
      } else if (mode === 'permissive') {
        resolve(socket);
      } else {
        giveUp();
      }
    };
    socket.once('close', giveUp);
    socket.once('data', onFirstBytes);
    if (timeoutMs > 0) {
      socket.setTimeout(timeoutMs);
      socket.once('timeout', giveUp);
    }
  });
}
