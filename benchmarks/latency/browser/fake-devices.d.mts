// Types for fake-devices.mjs (plain ESM), for the TypeScript tests.
export function y4mHeader (video: { width: number, height: number, fps: number }): string
export function wavHeader (samples: number, sampleRate?: number): Buffer
export function writeFakeDevices (dir: string, video: { width: number, height: number, fps: number }, seconds: number, progress?: (msg: string) => void): { video: string, audio: string, frames: number, bytes: number }
export function fakeDeviceCache (): { get: (video: { width: number, height: number, fps: number }, seconds: number, progress?: (msg: string) => void) => { video: string, audio: string, frames: number }, remove: () => void }
