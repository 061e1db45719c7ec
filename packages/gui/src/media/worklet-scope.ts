// The AudioWorkletGlobalScope, which TypeScript's libs do not describe. Reached through
// globalThis (not declared as globals) so main-thread code cannot use them by mistake.

export interface ProcessorOptions { processorOptions?: unknown }

export interface AudioWorkletProcessorLike {
  readonly port: MessagePort
  process: (inputs: Float32Array[][], outputs: Float32Array[][]) => boolean
}

export type ProcessorClass = new (options?: ProcessorOptions) => AudioWorkletProcessorLike

interface WorkletScope {
  sampleRate: number
  AudioWorkletProcessor: new (options?: ProcessorOptions) => { readonly port: MessagePort }
  registerProcessor: (name: string, ctor: ProcessorClass) => void
}

export const worklet = globalThis as unknown as WorkletScope
