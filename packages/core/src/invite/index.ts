export * from './invite-link.js'
