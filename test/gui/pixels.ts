// Reads screenshots back as pixels (decoded by the browser itself: no PNG library) to
// judge a video surface: is it a picture, does it move, what colour is it.
import type { Page } from 'playwright-core'

export interface PictureStats {
  width: number
  height: number
  /** Mean of each channel over the first picture. */
  mean: { r: number, g: number, b: number }
  /** Standard deviation of luma: near 0 for a flat colour. */
  lumaStdDev: number
  /** Share of pixels that differ by more than 24 in some channel between the two pictures. */
  changed: number
}

export async function comparePictures (page: Page, first: Buffer, second: Buffer): Promise<PictureStats> {
  return await page.evaluate(async ([a, b]) => {
    const load = async (b64: string): Promise<ImageData> => {
      const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob())
      const c = new OffscreenCanvas(img.width, img.height)
      const g = c.getContext('2d')
      if (g == null) throw new Error('no 2d context')
      g.drawImage(img, 0, 0)
      return g.getImageData(0, 0, img.width, img.height)
    }
    const [p, q] = [await load(a), await load(b)]
    const n = p.width * p.height
    let r = 0; let gr = 0; let bl = 0; let sum = 0; let sq = 0; let changed = 0
    const luma = (d: Uint8ClampedArray, i: number): number => 0.299 * (d[i] ?? 0) + 0.587 * (d[i + 1] ?? 0) + 0.114 * (d[i + 2] ?? 0)
    for (let i = 0; i < n * 4; i += 4) {
      r += p.data[i] ?? 0; gr += p.data[i + 1] ?? 0; bl += p.data[i + 2] ?? 0
      const y = luma(p.data, i)
      sum += y; sq += y * y
      if (i < q.data.length && [0, 1, 2].some(k => Math.abs((p.data[i + k] ?? 0) - (q.data[i + k] ?? 0)) > 24)) changed++
    }
    const mean = sum / n
    return {
      width: p.width,
      height: p.height,
      mean: { r: r / n, g: gr / n, b: bl / n },
      lumaStdDev: Math.sqrt(Math.max(0, sq / n - mean * mean)),
      changed: changed / n
    }
  }, [first.toString('base64'), second.toString('base64')] as const)
}
