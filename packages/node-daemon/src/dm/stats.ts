// Counters of DM traffic, exposed over IPC (`dm.stats`) so rejected input is visible.
export interface DmStats {
  envelopesSent: number
  envelopesReceived: number
  duplicates: number
  rejected: Record<string, number>
  deliveryAttempts: number
  deliveryFailures: number
}

export function newStats (): DmStats {
  return { envelopesSent: 0, envelopesReceived: 0, duplicates: 0, rejected: {}, deliveryAttempts: 0, deliveryFailures: 0 }
}

export function countRejected (stats: DmStats, code: string): number {
  stats.rejected[code] = (stats.rejected[code] ?? 0) + 1
  return stats.rejected[code]
}
