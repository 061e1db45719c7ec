// Defaults and limits of the SQLite store. Units are in the names.

/** How long a statement waits for another connection's lock (the CLI may read while the daemon writes). */
export const BUSY_TIMEOUT_MS = 5_000
/** Page size of messages.list() when the caller gives no limit. */
export const DEFAULT_MESSAGE_PAGE_LIMIT = 50
/** Largest page messages.list() and calls.list() return, whatever the caller asks for. */
export const MAX_PAGE_LIMIT = 10_000
/** Page size of calls.list() when the caller gives no limit. */
export const DEFAULT_CALL_PAGE_LIMIT = 50

/** Bytes of the raw SQLCipher key (AES-256). */
export const DB_KEY_BYTES = 32
/**
 * HKDF-SHA256 label of the default database key, derived from the identity's private key
 * (docs/operations.md, "Encryption at rest"). Changing it makes every existing database unreadable.
 */
export const DB_KEY_HKDF_INFO = 'parley/db-key/v1'
/** HKDF-SHA256 label of the key check value kept in db-key.json (tells a wrong key from a damaged file). */
export const DB_KEY_CHECK_HKDF_INFO = 'parley/db-key-check/v1'
/** Bytes of that check value. */
export const DB_KEY_CHECK_BYTES = 16
/** scrypt cost of a passphrase key: N = 2^17, r = 8, p = 1 (128 MiB, ~0.5 s here; OWASP's minimum is 2^17). */
export const PASSPHRASE_SCRYPT_N = 131_072
export const PASSPHRASE_SCRYPT_R = 8
export const PASSPHRASE_SCRYPT_P = 1
/** Random salt per passphrase, stored in db-key.json. */
export const PASSPHRASE_SALT_BYTES = 16
/** Shortest passphrase `parley passphrase set` accepts. */
export const MIN_PASSPHRASE_CHARS = 8
/** scrypt needs 128 · N · r bytes; Node's default cap (32 MiB) is below that. */
export const PASSPHRASE_SCRYPT_MAXMEM_BYTES = 256 * 1024 * 1024

/** Backups: one at every start and then every 6 h while the daemon runs. */
export const BACKUP_INTERVAL_MS = 6 * 60 * 60 * 1000
/** How many backups are kept; the oldest goes first. */
export const BACKUPS_KEPT = 3
