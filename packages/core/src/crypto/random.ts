import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js'

/** Source of secret randomness; injected so tests and test vectors are deterministic. */
export type RandomBytes = (length: number) => Uint8Array

/** Default: the platform CSPRNG (crypto.getRandomValues) via noble. */
export const defaultRandomBytes: RandomBytes = (length) => nobleRandomBytes(length)

/** Clock in milliseconds since the epoch; injected so skipped-key expiry is testable. */
export type CryptoClock = () => number

export const defaultClock: CryptoClock = () => Date.now()
