import net from 'node:net';
import { randomBytes } from 'node:crypto';

/** A TCP socket that has completed the bridge's WebSocket handshake, for writing frames by hand. */
export function rawBridgeSocket(port: number, token: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `GET /bridge?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    let head = '';
    const onData = (data: Buffer) => {
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(head.split('\r\n')[0]));
    };
    socket.on('data', onData);
    socket.on('error', () => undefined);
  });
}

/** A client frame: masked unless told otherwise. */
export function frame(options: {
  fin?: boolean;
  rsv1?: boolean;
  opcode: number;
  payload: Buffer;
  masked?: boolean;
  claimedLength?: bigint;
}): Buffer {
  const { payload } = options;
  const first = (options.fin === false ? 0 : 0x80) | (options.rsv1 ? 0x40 : 0) | options.opcode;
  const masked = options.masked !== false;
  const length = options.claimedLength ?? BigInt(payload.length);
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, (masked ? 0x80 : 0) | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

/** The protocol-level bad frames of the attack report, by name. */
export const BAD_FRAMES: Record<string, Buffer> = {
  'invalid UTF-8': frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xff, 0xfe]) }),
  unmasked: frame({ opcode: 1, payload: Buffer.from('hi'), masked: false }),
  'reserved opcode': frame({ opcode: 3, payload: Buffer.from('x') }),
  'RSV1 set': frame({ opcode: 1, rsv1: true, payload: Buffer.from('x') }),
  'length over the maximum': frame({
    opcode: 2,
    payload: Buffer.alloc(0),
    claimedLength: 1n << 40n,
  }),
};
