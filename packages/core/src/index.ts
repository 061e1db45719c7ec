export {}
export * from './crypto/index.js'
export * from './dm/index.js'
export * from './call/index.js'
