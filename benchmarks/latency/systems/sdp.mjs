// SDP munging for the libwebrtc baseline: VP9 (profile 0) as the only video codec, the same
// start bitrate as Parley, and candidates taken out of the descriptions so the harness can
// hand each peer only the relay's address.

const lines = sdp => sdp.split(/\r\n|\n/).filter(l => l !== '')
const join = ls => ls.join('\r\n') + '\r\n'

/** Sections: [session, ...media], each an array of lines. */
function sections (sdp) {
  const out = [[]]
  for (const l of lines(sdp)) {
    if (l.startsWith('m=')) out.push([])
    out.at(-1).push(l)
  }
  return out
}

const ptOf = (l, attr) => {
  const m = new RegExp(`^a=${attr}:(\\d+)`).exec(l)
  return m ? Number(m[1]) : null
}

/**
 * Keeps VP9 profile 0 (with its RTX) and the codec-independent formats (RED, ULPFEC and
 * their RTX: libwebrtc's defaults) in every video section, drops VP8/AV1/other VP9 profiles,
 * and adds `x-google-start-bitrate` to VP9's fmtp.
 */
export function preferVp9 (sdp, { startBitrateKbps }) {
  const secs = sections(sdp).map(sec => {
    if (!sec[0]?.startsWith('m=video')) return sec
    const rtpmap = new Map()
    const fmtp = new Map()
    for (const l of sec) {
      const r = /^a=rtpmap:(\d+) ([^/]+)\//.exec(l)
      if (r) rtpmap.set(Number(r[1]), r[2].toUpperCase())
      const f = /^a=fmtp:(\d+) (.*)$/.exec(l)
      if (f) fmtp.set(Number(f[1]), f[2])
    }
    const vp9 = [...rtpmap].find(([pt, name]) => name === 'VP9' && !/profile-id=[1-3]/.test(fmtp.get(pt) ?? ''))?.[0]
    if (vp9 === undefined) throw new Error('the description offers no VP9 profile 0')
    const base = new Set([vp9, ...[...rtpmap].filter(([, n]) => n === 'RED' || n === 'ULPFEC').map(([pt]) => pt)])
    const keep = new Set(base)
    for (const [pt, name] of rtpmap) {
      const apt = /apt=(\d+)/.exec(fmtp.get(pt) ?? '')
      if (name === 'RTX' && apt && base.has(Number(apt[1]))) keep.add(pt)
    }
    return sec.flatMap(l => {
      if (l.startsWith('m=video')) {
        const [m, port, proto, ...pts] = l.split(' ')
        return [[m, port, proto, ...pts.filter(pt => keep.has(Number(pt)))].join(' ')]
      }
      const pt = ptOf(l, 'rtpmap') ?? ptOf(l, 'rtcp-fb') ?? ptOf(l, 'fmtp')
      if (pt !== null && !keep.has(pt)) return []
      if (pt === vp9 && l.startsWith('a=fmtp:') && !l.includes('x-google-start-bitrate')) return [`${l};x-google-start-bitrate=${startBitrateKbps}`]
      if (pt === vp9 && l.startsWith('a=rtpmap:') && !fmtp.has(vp9)) return [l, `a=fmtp:${vp9} x-google-start-bitrate=${startBitrateKbps}`]
      return [l]
    })
  })
  return join(secs.flat())
}

/** The description without candidate lines. */
export function stripCandidates (sdp) {
  return join(lines(sdp).filter(l => !l.startsWith('a=candidate:') && l !== 'a=end-of-candidates'))
}

/** The first UDP host candidate on `host` (without the leading "a="), or null. */
export function udpHostCandidate (sdp, host = '127.0.0.1') {
  for (const l of lines(sdp)) {
    if (!l.startsWith('a=candidate:')) continue
    const f = l.slice(2).split(' ')
    if (f[2]?.toLowerCase() === 'udp' && f[4] === host && f[7] === 'host') return { candidate: l.slice(2), port: Number(f[5]) }
  }
  return null
}

/** The same candidate line pointing at host:port instead. */
export function rewriteCandidate (candidate, host, port) {
  const f = candidate.split(' ')
  f[4] = host
  f[5] = String(port)
  return f.join(' ')
}

/** The payload types and codec names of a section's m= line, for the JSON record. */
export function negotiatedCodecs (sdp) {
  return sections(sdp).slice(1).map(sec => {
    const [m, , , ...pts] = sec[0].split(' ')
    const names = pts.map(pt => sec.find(l => l.startsWith(`a=rtpmap:${pt} `))?.split(' ')[1])
    return { kind: m.slice(2), codecs: names }
  })
}
