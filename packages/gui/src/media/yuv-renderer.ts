// Draws I420 pictures into a canvas: WebGL with the three planes as luminance textures and
// the YUV → RGB matrix in a fragment shader (no per-pixel JS), or canvas 2D with the
// conversion in JS where WebGL is unavailable.
import { i420Planes, i420ToRgba } from './i420.js'
import type { I420Picture } from './i420.js'

export interface YuvRenderer {
  readonly kind: 'webgl' | '2d'
  draw: (pic: I420Picture) => void
  dispose: () => void
}

export function createYuvRenderer (canvas: HTMLCanvasElement): YuvRenderer | null {
  return webglRenderer(canvas) ?? canvas2dRenderer(canvas)
}

const VERTEX = `
attribute vec2 pos;
varying vec2 uv;
void main () {
  uv = vec2((pos.x + 1.0) * 0.5, (1.0 - pos.y) * 0.5);
  gl_Position = vec4(pos, 0.0, 1.0);
}`

// BT.601 limited range, the inverse of what i420.ts writes
const FRAGMENT = `
precision mediump float;
varying vec2 uv;
uniform sampler2D texY;
uniform sampler2D texU;
uniform sampler2D texV;
void main () {
  float y = 1.164 * (texture2D(texY, uv).r - 0.0625);
  float u = texture2D(texU, uv).r - 0.5;
  float v = texture2D(texV, uv).r - 0.5;
  gl_FragColor = vec4(y + 1.596 * v, y - 0.392 * u - 0.813 * v, y + 2.017 * u, 1.0);
}`

function webglRenderer (canvas: HTMLCanvasElement): YuvRenderer | null {
  const gl = canvas.getContext('webgl', { alpha: false, antialias: false, depth: false, preserveDrawingBuffer: false })
  if (gl == null) return null
  const program = linkProgram(gl)
  if (program == null) return null
  gl.useProgram(program)

  const quad = gl.createBuffer()
  gl.bindBuffer(gl.ARRAY_BUFFER, quad)
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW)
  const pos = gl.getAttribLocation(program, 'pos')
  gl.enableVertexAttribArray(pos)
  gl.vertexAttribPointer(pos, 2, gl.FLOAT, false, 0, 0)

  const textures = (['texY', 'texU', 'texV'] as const).map((name, unit) => {
    const t = gl.createTexture()
    gl.activeTexture(gl.TEXTURE0 + unit)
    gl.bindTexture(gl.TEXTURE_2D, t)
    // clamp + linear: plane sizes are rarely powers of two (WebGL 1 allows only this then)
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE)
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE)
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR)
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR)
    gl.uniform1i(gl.getUniformLocation(program, name), unit)
    return t
  })
  // rows of a half-width chroma plane are rarely a multiple of 4 bytes: without this,
  // WebGL reads them with the default 4-byte row alignment and the picture shears
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1)

  return {
    kind: 'webgl',
    draw: (pic) => {
      if (canvas.width !== pic.width || canvas.height !== pic.height) { canvas.width = pic.width; canvas.height = pic.height }
      gl.viewport(0, 0, pic.width, pic.height)
      const p = i420Planes(pic.width, pic.height)
      const planes = [
        { w: pic.width, h: pic.height, data: pic.data.subarray(0, p.u) },
        { w: p.cw, h: p.ch, data: pic.data.subarray(p.u, p.v) },
        { w: p.cw, h: p.ch, data: pic.data.subarray(p.v, p.bytes) }
      ]
      planes.forEach((plane, unit) => {
        gl.activeTexture(gl.TEXTURE0 + unit)
        gl.bindTexture(gl.TEXTURE_2D, textures[unit] ?? null)
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.LUMINANCE, plane.w, plane.h, 0, gl.LUMINANCE, gl.UNSIGNED_BYTE, plane.data)
      })
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4)
    },
    dispose: () => {
      for (const t of textures) gl.deleteTexture(t)
      gl.deleteBuffer(quad)
      gl.deleteProgram(program)
    }
  }
}

function linkProgram (gl: WebGLRenderingContext): WebGLProgram | null {
  const shader = (type: number, src: string): WebGLShader | null => {
    const s = gl.createShader(type)
    if (s == null) return null
    gl.shaderSource(s, src)
    gl.compileShader(s)
    return gl.getShaderParameter(s, gl.COMPILE_STATUS) === true ? s : null
  }
  const vs = shader(gl.VERTEX_SHADER, VERTEX)
  const fs = shader(gl.FRAGMENT_SHADER, FRAGMENT)
  const program = gl.createProgram()
  if (vs == null || fs == null || program == null) return null
  gl.attachShader(program, vs)
  gl.attachShader(program, fs)
  gl.linkProgram(program)
  return gl.getProgramParameter(program, gl.LINK_STATUS) === true ? program : null
}

function canvas2dRenderer (canvas: HTMLCanvasElement): YuvRenderer | null {
  const g = canvas.getContext('2d', { alpha: false })
  if (g == null) return null
  let image: ImageData | null = null
  return {
    kind: '2d',
    draw: (pic) => {
      if (canvas.width !== pic.width || canvas.height !== pic.height) { canvas.width = pic.width; canvas.height = pic.height }
      if (image?.width !== pic.width || image.height !== pic.height) image = g.createImageData(pic.width, pic.height)
      i420ToRgba(pic, image.data)
      g.putImageData(image, 0, 0)
    },
    dispose: () => { image = null }
  }
}
