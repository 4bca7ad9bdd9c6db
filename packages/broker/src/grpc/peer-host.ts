import { hostFromSocket, parseHostAddress, type HostAddress } from '@mq/common';

/** The peer as BORNHOST; an address grpc-js reports in another form (e.g. a unix socket) becomes 0.0.0.0:0. */
export function peerHost(peer: string): HostAddress {
  try {
    const { address, port } = parseHostAddress(peer);
    return hostFromSocket(address, port);
  } catch {
    return hostFromSocket('0.0.0.0', 0);
  }
}
