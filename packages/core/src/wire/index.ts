// Byte-level building blocks of Parley's hand-written wire formats. Not oneof.ts: it needs
// protons-runtime, which the media package and the GUI bundle must not pull in.
export { ByteReader, type ByteReaderOptions } from './byte-reader.js'
export { ByteWriter, type ByteWriterOptions } from './byte-writer.js'
export { WireError, ReadPastEndError, UnreadBytesError, WriteRangeError } from './errors.js'
export { MediaKind, type MediaKindCode, MEDIA_KINDS, mediaKindOf } from './media-kind.js'
