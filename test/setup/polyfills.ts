import '../../packages/node-daemon/src/polyfills.js'
