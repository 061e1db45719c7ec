// Typed errors of the media sources a call is started with (media-io.ts): they reach the user
// through call.start / call.answer, so each has a stable code.
import { ParleyError } from '../errors.js'

/** A source spec none of tone[:Hz], silence, wav:<file>, pattern, y4m:<file> or live. */
export class UnknownMediaSourceError extends ParleyError {
  static override readonly name = 'UnknownMediaSourceError'
  constructor (kind: 'audio' | 'video', spec: string) {
    super('MEDIA_SOURCE_UNKNOWN', `unknown ${kind} source "${spec}"`, { kind, spec })
  }
}

/** Source `live` in a daemon that runs no /media WebSocket hub. */
export class LiveMediaUnavailableError extends ParleyError {
  static override readonly name = 'LiveMediaUnavailableError'
  constructor () {
    super('MEDIA_SOURCE_NO_LIVE', 'no live media hub in this daemon')
  }
}

/** A media file that holds nothing to send (a Y4M file without frames). */
export class EmptyMediaFileError extends ParleyError {
  static override readonly name = 'EmptyMediaFileError'
  constructor (file: string) {
    super('MEDIA_SOURCE_EMPTY', `${file} holds no frames`, { file })
  }
}
