export {}
export * from './crypto/index.js'
export * from './dm/index.js'
