// CPU % and RSS of a process from /proc (Linux), sampled while media flows, so each
// endpoint's cost is its own process's, wherever its threads do the work.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let clkTck = null
function ticksPerSecond () {
  if (clkTck === null) {
    try { clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100 } catch { clkTck = 100 }
  }
  return clkTck
}

/** @returns {{ cpuS: number, rssMiB: number } | null} null once the process is gone */
export function readProc (pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the command name may contain spaces and parentheses: fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN)
    return { cpuS: (utime + stime) / ticksPerSecond(), rssMiB: rssKiB / 1024 }
  } catch {
    return null
  }
}

/** Sum over processes (those gone count as nothing from then on). */
function readProcs (pids) {
  let cpuS = 0
  let rssMiB = 0
  let any = false
  for (const pid of pids) {
    const s = readProc(pid)
    if (s === null) continue
    any = true
    cpuS += s.cpuS
    rssMiB += s.rssMiB
  }
  return any ? { cpuS, rssMiB } : null
}

/**
 * Samples `pid` (or the sum of several: a browser endpoint is a tree of processes) every
 * intervalMs until stop(). cpuPercent is over the whole sampling period (100 = one core);
 * rssMiB is the peak, rssMeanMiB the mean of the samples.
 * @param {number | number[]} pid
 * @returns {{ stop (): { pid: number | number[], cpuPercent: number|null, rssMiB: number|null, rssMeanMiB: number|null, periodMs: number } }}
 */
export function startProcSampler (pid, { intervalMs = 500 } = {}) {
  const pids = Array.isArray(pid) ? pid : [pid]
  const t0 = performance.now()
  const first = readProcs(pids)
  let last = first
  let lastAt = t0
  const rss = first ? [first.rssMiB] : []
  const sample = () => {
    const s = readProcs(pids)
    if (s === null) return
    last = s
    lastAt = performance.now()
    rss.push(s.rssMiB)
  }
  const timer = setInterval(sample, intervalMs)
  timer.unref()
  return {
    stop () {
      clearInterval(timer)
      sample()
      const periodMs = lastAt - t0
      const ok = first !== null && last !== null && periodMs > 0
      return {
        pid,
        cpuPercent: ok ? round1((last.cpuS - first.cpuS) / (periodMs / 1000) * 100) : null,
        rssMiB: rss.length > 0 ? round1(Math.max(...rss)) : null,
        rssMeanMiB: rss.length > 0 ? round1(rss.reduce((a, b) => a + b, 0) / rss.length) : null,
        periodMs: Math.round(periodMs)
      }
    }
  }
}

const round1 = x => Math.round(x * 10) / 10
