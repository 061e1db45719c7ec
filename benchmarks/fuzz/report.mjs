// Text output of `npm run fuzz`: one table row per decoder, then every distinct crash
// with its first input (hex), stack, and the command that replays it.

function pad (s, n, right = false) {
  const str = String(s)
  return right ? str.padStart(n) : str.padEnd(n)
}

/** @param {import('./driver.d.mts').FuzzResult[]} results */
export function formatTable (results) {
  const head = `${pad('decoder', 20)} ${pad('inputs', 8, true)} ${pad('time s', 7, true)} ${pad('inputs/s', 9, true)} ${pad('accepted', 9, true)} ${pad('typed', 8, true)} ${pad('crashes', 8, true)}  typed errors by code`
  const rows = results.map(r => {
    const codes = Object.entries(r.typed).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')
    const rate = r.ms > 0 ? Math.round(r.done / (r.ms / 1000)) : 0
    return `${pad(r.name, 20)} ${pad(r.done, 8, true)} ${pad((r.ms / 1000).toFixed(1), 7, true)} ${pad(rate, 9, true)} ${pad(r.accepted, 9, true)} ${pad(r.typedTotal, 8, true)} ${pad(r.crashes, 8, true)}  ${codes}`
  })
  return [head, '-'.repeat(head.length), ...rows].join('\n')
}

/** @param {import('./driver.d.mts').FuzzResult[]} results */
export function formatCrashes (results) {
  const out = []
  for (const r of results) {
    for (const g of r.crashGroups) {
      const s = g.samples[0]
      out.push(
        `CRASH ${r.name}: ${g.kind} ${g.name}: ${g.message} (${g.count}×)`,
        `  input ${s.index} (${s.source}, ${s.inputBytes} bytes${s.inputTruncated ? ', hex cut' : ''}): ${s.inputHex}`,
        `  replay: npm run fuzz -- --only ${r.name} --seed ${r.seed} --index ${s.index}`,
        ...s.stack.split('\n').map(l => `  ${l}`),
        ''
      )
    }
  }
  return out.join('\n')
}
