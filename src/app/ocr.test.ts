import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const createWorker = vi.fn();
vi.mock('tesseract.js', () => ({ createWorker }));

const { CardReadFailedError, CardReaderUnavailableError, createCardReader } = await import('./ocr');

type Logger = (message: { status: string; progress: number }) => void;

const PAGE = {
  blocks: [
    {
      paragraphs: [
        { lines: [{ text: 'Mara Quayson\n', bbox: { y0: 90, y1: 130 } }] },
        { lines: [{ text: 'mara.quayson@vantagerobotics.com\n', bbox: { y0: 410, y1: 432 } }] },
      ],
    },
  ],
};

/** A stand-in tesseract.js worker that reports recognition progress through the logger it was created with. */
function fakeWorker(logger: Logger, recognize = async () => ({ data: PAGE })) {
  return {
    recognize: vi.fn(async () => {
      logger({ status: 'recognizing text', progress: 0.5 });
      return recognize();
    }),
    terminate: vi.fn(async () => {}),
  };
}

beforeEach(() => {
  vi.stubGlobal('__OUTPOST_OCR__', { workerPath: '/ocr/w.js', corePath: '/ocr/core/', langPath: '/ocr/eng/', urls: [] });
  createWorker.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createCardReader', () => {
  it('starts one worker with Outpost’s own paths and reads the card through the layout heuristics', async () => {
    let worker: ReturnType<typeof fakeWorker> | undefined;
    createWorker.mockImplementation(async (_lang: string, _oem: number, options: { logger: Logger }) => (worker = fakeWorker(options.logger)));
    const reader = createCardReader();
    const progress: number[] = [];
    const reading = await reader.read(new Blob(['x']), (p) => progress.push(p));
    expect(reading.fields).toMatchObject({ name: 'Mara Quayson', email: 'mara.quayson@vantagerobotics.com' });
    expect(createWorker).toHaveBeenCalledWith('eng', 1, expect.objectContaining({ workerPath: '/ocr/w.js', corePath: '/ocr/core/', langPath: '/ocr/eng/', workerBlobURL: false }));
    expect(worker!.recognize).toHaveBeenCalledWith(expect.any(Blob), {}, { blocks: true, text: false });
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('keeps the worker for the next card, and ends it after a minute without reading', async () => {
    vi.useFakeTimers();
    const workers: ReturnType<typeof fakeWorker>[] = [];
    createWorker.mockImplementation(async (_lang: string, _oem: number, options: { logger: Logger }) => {
      workers.push(fakeWorker(options.logger));
      return workers.at(-1);
    });
    const reader = createCardReader();
    await Promise.all([reader.read(new Blob(['a']), () => {}), reader.read(new Blob(['b']), () => {})]);
    expect(createWorker).toHaveBeenCalledTimes(1);
    expect(workers[0]!.recognize).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(workers[0]!.terminate).toHaveBeenCalled();
    await reader.read(new Blob(['c']), () => {});
    expect(createWorker).toHaveBeenCalledTimes(2);
  });

  it('says the reader is unavailable when it cannot load, and tries again on the next read', async () => {
    createWorker.mockRejectedValueOnce('Network error while fetching /ocr/eng/eng.traineddata.gz');
    const reader = createCardReader();
    await expect(reader.read(new Blob(['x']), () => {})).rejects.toBeInstanceOf(CardReaderUnavailableError);
    createWorker.mockImplementation(async (_lang: string, _oem: number, options: { logger: Logger }) => fakeWorker(options.logger));
    await expect(reader.read(new Blob(['x']), () => {})).resolves.toMatchObject({ fields: { name: 'Mara Quayson' } });
  });

  it('reports a failed recognition as such and starts a fresh worker next time', async () => {
    const broken = fakeWorker(() => {}, async () => Promise.reject(new Error('RuntimeError: memory access out of bounds')));
    createWorker.mockResolvedValueOnce(broken);
    const reader = createCardReader();
    await expect(reader.read(new Blob(['x']), () => {})).rejects.toBeInstanceOf(CardReadFailedError);
    expect(broken.terminate).toHaveBeenCalled();
    createWorker.mockImplementation(async (_lang: string, _oem: number, options: { logger: Logger }) => fakeWorker(options.logger));
    await expect(reader.read(new Blob(['x']), () => {})).resolves.toBeTruthy();
    expect(createWorker).toHaveBeenCalledTimes(2);
  });
});
