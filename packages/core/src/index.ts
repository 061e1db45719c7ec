export {}
export * from './crypto/index.js'
