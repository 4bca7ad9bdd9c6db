import { generateKeyPair } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { getLogger } from '@mq/common';
import selfsigned from 'selfsigned';

const log = getLogger('GrpcTls');

/** A PEM key and certificate chain. */
export interface TlsKeyPair {
  readonly key: string;
  readonly cert: string;
}

const KEY_FILE = 'grpc-tls.key';
const CERT_FILE = 'grpc-tls.crt';
const VALIDITY_DAYS = 3650;

/**
 * The configured key and certificate, else the self-signed pair kept in `dir` (created on first
 * use, like the reference proxy's test-mode certificate). Clients that trust any certificate
 * (the Java default) can then use TLS.
 */
export async function loadOrCreateCertificate(dir: string, configured?: { keyPath: string; certPath: string }): Promise<TlsKeyPair> {
  if (configured) return { key: await fs.readFile(configured.keyPath, 'utf8'), cert: await fs.readFile(configured.certPath, 'utf8') };
  const keyPath = path.join(dir, KEY_FILE);
  const certPath = path.join(dir, CERT_FILE);
  try {
    return { key: await fs.readFile(keyPath, 'utf8'), cert: await fs.readFile(certPath, 'utf8') };
  } catch {
    const created = await createSelfSigned();
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(keyPath, created.key, { mode: 0o600 });
    await fs.writeFile(certPath, created.cert);
    log.info({ certPath }, 'created a self-signed gRPC TLS certificate');
    return created;
  }
}

async function createSelfSigned(): Promise<TlsKeyPair> {
  // node:crypto makes the RSA key off the event loop; forge only signs.
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const options: Parameters<typeof selfsigned.generate>[1] & { keyPair: { privateKey: string; publicKey: string } } = {
    days: VALIDITY_DAYS,
    algorithm: 'sha256',
    keyPair: { privateKey, publicKey },
  };
  const pems = selfsigned.generate([{ name: 'commonName', value: 'rocketmq-grpc' }], options);
  return { key: privateKey, cert: pems.cert };
}
