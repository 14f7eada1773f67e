import type { Page } from 'playwright-core';

/**
 * Mean absolute RGB difference of two served frames, inside a box (x, y, w, h) and outside it:
 * JPEG vs PNG differ a little everywhere, a lip-sync edit only inside the lower-face box.
 */
export function frameDiff(page: Page, a: string, b: string, box: number[]): Promise<{ inside: number; outside: number }> {
  return page.evaluate(
    async ({ a, b, box }) => {
      const pixels = async (url: string) => {
        const bmp = await createImageBitmap(await (await fetch(url)).blob());
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d')!;
        g.drawImage(bmp, 0, 0);
        return g.getImageData(0, 0, bmp.width, bmp.height);
      };
      const [p, q] = await Promise.all([pixels(a), pixels(b)]);
      const [x, y, w, h] = box;
      let inside = 0,
        outside = 0,
        nIn = 0,
        nOut = 0;
      for (let j = 0; j < p.height; j++) {
        for (let i = 0; i < p.width; i++) {
          const k = (j * p.width + i) * 4;
          const d =
            (Math.abs(p.data[k] - q.data[k]) + Math.abs(p.data[k + 1] - q.data[k + 1]) + Math.abs(p.data[k + 2] - q.data[k + 2])) / 3;
          if (i >= x && i < x + w && j >= y && j < y + h) {
            inside += d;
            nIn++;
          } else {
            outside += d;
            nOut++;
          }
        }
      }
      return { inside: inside / nIn, outside: outside / nOut };
    },
    { a, b, box },
  );
}

/**
 * Mean absolute RGB difference inside a box (x, y, w, h, in the frame's pixels) between a PNG
 * screenshot of the monitor (base64, another scale: drawn at the frame's size) and a served frame.
 */
export function regionDiff(page: Page, shotBase64: string, url: string, box: number[]): Promise<number> {
  return page.evaluate(
    async ({ shotBase64, url, box }) => {
      const [x, y, w, h] = box as [number, number, number, number];
      // From bytes, not a data: URL (the page's CSP allows no fetch of one).
      const shotBlob = new Blob([Uint8Array.from(atob(shotBase64), (c) => c.charCodeAt(0))], { type: 'image/png' });
      const frame = await createImageBitmap(await (await fetch(url)).blob());
      const read = (bmp: ImageBitmap) => {
        const c = new OffscreenCanvas(frame.width, frame.height);
        const g = c.getContext('2d')!;
        g.drawImage(bmp, 0, 0, c.width, c.height);
        return g.getImageData(x, y, w, h).data;
      };
      const p = read(await createImageBitmap(shotBlob));
      const q = read(frame);
      let sum = 0;
      for (let k = 0; k < p.length; k += 4) {
        sum += (Math.abs(p[k]! - q[k]!) + Math.abs(p[k + 1]! - q[k + 1]!) + Math.abs(p[k + 2]! - q[k + 2]!)) / 3;
      }
      return sum / (w * h);
    },
    { shotBase64, url, box },
  );
}
