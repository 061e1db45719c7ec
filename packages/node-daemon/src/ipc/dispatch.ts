// JSON-RPC 2.0 dispatch shared by the HTTP and WebSocket transports: validate the
// envelope, look the method up in the shared table, validate params, run the handler,
// and turn typed errors into JSON-RPC errors. Never throws.
import { JSONRPC_VERSION, MAX_RPC_BATCH_REQUESTS, RpcErrorCode, isMethodName, methods } from '@parley/core/ipc'
import type { MethodName, ResultOf, RpcErrorObject, RpcId, RpcResponse } from '@parley/core/ipc'
import type { z } from 'zod'
import { ParleyError } from '../errors.js'
import type { Logger } from '../logger.js'

export type HandlerParams<M extends MethodName> = z.output<typeof methods[M]['params']>
export type Handlers = { [M in MethodName]: (params: HandlerParams<M>) => Promise<ResultOf<M>> }

export async function dispatch (handlers: Handlers, raw: string, log: Logger): Promise<RpcResponse | RpcResponse[] | undefined> {
  let msg: unknown
  try {
    msg = JSON.parse(raw)
  } catch (err) {
    return failure(null, { code: RpcErrorCode.PARSE_ERROR, message: `parse error: ${(err as Error).message}` })
  }
  if (Array.isArray(msg)) {
    if (msg.length === 0) return failure(null, { code: RpcErrorCode.INVALID_REQUEST, message: 'empty batch' })
    // Refused whole, before any request runs: a batch is one body but may hold thousands of calls.
    if (msg.length > MAX_RPC_BATCH_REQUESTS) {
      return failure(null, { code: RpcErrorCode.INVALID_REQUEST, message: `batch of ${msg.length} requests; at most ${MAX_RPC_BATCH_REQUESTS} per batch`, data: { code: 'BATCH_TOO_LARGE', max: MAX_RPC_BATCH_REQUESTS } })
    }
    const out = (await Promise.all(msg.map(async m => await dispatchOne(handlers, m, log)))).filter((r): r is RpcResponse => r != null)
    return out.length > 0 ? out : undefined
  }
  return await dispatchOne(handlers, msg, log)
}

async function dispatchOne (handlers: Handlers, msg: unknown, log: Logger): Promise<RpcResponse | undefined> {
  if (msg == null || typeof msg !== 'object' || Array.isArray(msg)) {
    return failure(null, { code: RpcErrorCode.INVALID_REQUEST, message: 'request must be a JSON object' })
  }
  const req = msg as Record<string, unknown>
  const id = req.id
  const validId = id === undefined || id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))
  const replyId: RpcId = validId && id !== undefined ? id as RpcId : null
  if (req.jsonrpc !== JSONRPC_VERSION || typeof req.method !== 'string' || !validId) {
    return failure(replyId, { code: RpcErrorCode.INVALID_REQUEST, message: 'invalid request: need jsonrpc "2.0", a string method and a string/number id' })
  }
  const isNotification = id === undefined
  const method = req.method
  if (!isMethodName(method)) {
    return isNotification ? undefined : failure(replyId, { code: RpcErrorCode.METHOD_NOT_FOUND, message: `unknown method "${method}"` })
  }
  const parsed = methods[method].params.safeParse(req.params)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue != null && issue.path.length > 0 ? `params.${issue.path.join('.')}` : 'params'
    return isNotification ? undefined : failure(replyId, { code: RpcErrorCode.INVALID_PARAMS, message: `invalid ${where}: ${issue?.message ?? 'invalid'}`, data: { code: 'INVALID_PARAMS', issues: parsed.error.issues } })
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>
    const result = await handler(parsed.data)
    return isNotification ? undefined : { jsonrpc: JSONRPC_VERSION, id: replyId, result }
  } catch (err) {
    if (err instanceof ParleyError) {
      log.debug('method failed', { method, code: err.code, message: err.message })
      return isNotification ? undefined : failure(replyId, { code: RpcErrorCode.APPLICATION_ERROR, message: err.message, data: { ...err.details, code: err.code } })
    }
    log.error('method crashed', { method, error: (err as Error).stack ?? String(err) })
    return isNotification ? undefined : failure(replyId, { code: RpcErrorCode.INTERNAL_ERROR, message: `internal error: ${(err as Error).message}`, data: { code: 'INTERNAL' } })
  }
}

function failure (id: RpcId, error: RpcErrorObject): RpcResponse {
  return { jsonrpc: JSONRPC_VERSION, id, error }
}
