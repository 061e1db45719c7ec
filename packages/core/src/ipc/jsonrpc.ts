// JSON-RPC 2.0 envelope types and the error codes Parley's IPC uses.
// Standard codes come from the JSON-RPC 2.0 specification; Parley's own live in the
// server-error range (-32000..-32099) and carry a stable string `data.code` that
// clients match on (e.g. 'DIAL_NOT_FOUND').

import { ParleyError } from '../errors.js'

export const JSONRPC_VERSION = '2.0' as const

export const RpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** A Parley operation failed; `data.code` says which failure. */
  APPLICATION_ERROR: -32000
} as const
export type RpcErrorCode = typeof RpcErrorCode[keyof typeof RpcErrorCode]

export type RpcId = string | number | null

export interface RpcRequest {
  jsonrpc: typeof JSONRPC_VERSION
  id?: RpcId
  method: string
  params?: unknown
}

export interface RpcErrorData {
  /** Stable machine-readable failure code, e.g. 'DIAL_TIMEOUT'. */
  code: string
  [key: string]: unknown
}

export interface RpcErrorObject {
  code: number
  message: string
  data?: RpcErrorData
}

export interface RpcSuccess {
  jsonrpc: typeof JSONRPC_VERSION
  id: RpcId
  result: unknown
}

export interface RpcFailure {
  jsonrpc: typeof JSONRPC_VERSION
  id: RpcId
  error: RpcErrorObject
}

export type RpcResponse = RpcSuccess | RpcFailure

export interface RpcNotification {
  jsonrpc: typeof JSONRPC_VERSION
  method: string
  params: unknown
}

/**
 * Thrown by the client when the daemon answers with a JSON-RPC error. `code` is Parley's stable
 * failure code (`data.code`), or the JSON-RPC category name; `details` is `data`.
 */
export class RpcError extends ParleyError {
  static override readonly name = 'RpcError'
  readonly rpcCode: number
  readonly data: RpcErrorData | undefined

  constructor (error: RpcErrorObject) {
    super(error.data?.code ?? rpcCodeName(error.code), error.message, error.data)
    this.rpcCode = error.code
    this.data = error.data
  }
}

export function rpcCodeName (code: number): string {
  for (const [name, value] of Object.entries(RpcErrorCode)) {
    if (value === code) return name
  }
  return 'UNKNOWN_ERROR'
}

export function isRpcFailure (r: RpcResponse): r is RpcFailure {
  return 'error' in r
}
