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
