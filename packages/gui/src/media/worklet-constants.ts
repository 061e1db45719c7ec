// Shared by the AudioWorklet processors and the page that loads them.
export const CAPTURE_PROCESSOR = 'parley-capture'
export const PLAYBACK_PROCESSOR = 'parley-playback'
/** Audio held before playing: covers socket and main-thread jitter on top of the daemon's jitter buffer. */
export const PLAYBACK_TARGET_MS = 60
/** Ring size; beyond it the oldest samples are overwritten. */
export const PLAYBACK_MAX_MS = 200
