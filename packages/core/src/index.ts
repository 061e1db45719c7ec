export {}
export * from './errors.js'
export * from './crypto/index.js'
export * from './dm/index.js'
export * from './call/index.js'
