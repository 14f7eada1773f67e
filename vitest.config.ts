import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Media tests spawn ffmpeg and ONNX sessions; two cores means few files at once.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
