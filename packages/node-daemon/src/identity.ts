// The daemon's long-term identity: an Ed25519 libp2p key in the data dir. It is created
// once; afterwards a missing-but-expected, corrupt or exposed key is an error, never a
// silent new identity (that would change the user's peer ID and break every contact).
import { readFileSync } from 'node:fs'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { Ed25519PrivateKey, PrivateKey } from '@libp2p/interface'
import { IdentityError } from './errors.js'
import { isExposed, writePrivateFileAtomic } from './fs-private.js'

export interface Identity {
  privateKey: Ed25519PrivateKey
  peerId: string
  /** True when this call created the key. */
  created: boolean
}

export async function loadOrCreateIdentity (file: string): Promise<Identity> {
  let bytes: Uint8Array
  try {
    bytes = readFileSync(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new IdentityError('IDENTITY_UNREADABLE', `cannot read identity key ${file}: ${(err as Error).message}`, { cause: err })
    }
    const privateKey = await generateKeyPair('Ed25519')
    writePrivateFileAtomic(file, privateKeyToProtobuf(privateKey))
    return { privateKey, peerId: peerIdFromPrivateKey(privateKey).toString(), created: true }
  }
  if (isExposed(file)) {
    throw new IdentityError('IDENTITY_INSECURE', `identity key ${file} is readable by other users; run "chmod 600 ${file}" if nobody else could have copied it, otherwise move it away to create a new identity`)
  }
  let key: PrivateKey
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new IdentityError('IDENTITY_CORRUPT', `identity key ${file} is corrupt (${(err as Error).message}); restore it from a backup, or move it away to create a new identity (your peer ID will change)`, { cause: err })
  }
  if (key.type !== 'Ed25519') {
    throw new IdentityError('IDENTITY_CORRUPT', `identity key ${file} is a ${key.type} key; Parley needs Ed25519`)
  }
  return { privateKey: key, peerId: peerIdFromPrivateKey(key).toString(), created: false }
}
