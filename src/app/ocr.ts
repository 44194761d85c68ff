import type { LoggerMessage, Worker as TesseractWorker } from 'tesseract.js';
import type { CardReading } from '../core/capture/cardText';
import { dropOtherOcrVersions } from './ocrCache';
import { linesOf, readingProgress, type OcrPage } from './ocrResult';

/** Set by build/ocrAssets.ts: where Outpost serves tesseract.js's worker, core and English data. */
declare const __OUTPOST_OCR__: { workerPath: string; corePath: string; langPath: string; urls: string[] };

/** The reader could not start: its worker, core or data did not load (never fetched online yet, or a failed download). */
export class CardReaderUnavailableError extends Error {
  readonly code = 'card_reader_unavailable';
  constructor(options?: { cause?: unknown }) {
    super('The card reader could not load', options);
    this.name = 'CardReaderUnavailableError';
  }
}

/** The reader started but failed on this image. */
export class CardReadFailedError extends Error {
  readonly code = 'card_read_failed';
  constructor(options?: { cause?: unknown }) {
    super('The card could not be read', options);
    this.name = 'CardReadFailedError';
  }
}

export interface CardReader {
  /** What the card in the image says. Reads run one at a time; `onProgress` gets the fraction done (0–1). */
  read(image: Blob, onProgress: (fraction: number) => void): Promise<CardReading>;
}

/** A worker holds the engine and its data (tens of MB): let it go when no card is read for a while. */
const IDLE_MS = 60_000;

/**
 * On-device OCR with tesseract.js in a web worker, its lines laid out by `readCard`. Nothing
 * loads until the first read: then tesseract.js and the card heuristics (chunks of their own),
 * and the worker script, core and data from /ocr/. The worker is kept for the next card and
 * ended when idle.
 */
export function createCardReader(): CardReader {
  let worker: Promise<TesseractWorker> | null = null;
  let report: (fraction: number) => void = () => {};
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const logger = (message: LoggerMessage) => {
    const fraction = readingProgress(message.status, message.progress);
    if (fraction !== null) report(fraction);
  };

  function started(): Promise<TesseractWorker> {
    worker ??= startWorker(logger).catch((error: unknown) => {
      worker = null;
      throw new CardReaderUnavailableError({ cause: error });
    });
    return worker;
  }

  async function readOne(image: Blob, onProgress: (fraction: number) => void): Promise<CardReading> {
    clearTimeout(idleTimer);
    let done = 0;
    // The bar never moves back (a late message of an earlier stage cannot pull it down).
    report = (fraction) => {
      done = Math.max(done, fraction);
      onProgress(done);
    };
    try {
      const [ready, { readCard }] = await Promise.all([started(), loadHeuristics()]);
      const result = await ready.recognize(image, {}, { blocks: true, text: false }).catch(async (error: unknown) => {
        await stop(); // the engine may be left broken: the next read starts a new one
        throw new CardReadFailedError({ cause: error });
      });
      onProgress(1);
      return readCard(linesOf(result.data as OcrPage));
    } finally {
      report = () => {};
      idleTimer = setTimeout(() => void stop(), IDLE_MS);
    }
  }

  async function stop(): Promise<void> {
    const running = worker;
    worker = null;
    await (await running?.catch(() => null))?.terminate();
  }

  return {
    read(image, onProgress) {
      const job = queue.then(() => readOne(image, onProgress));
      queue = job.catch(() => {});
      return job;
    },
  };
}

function loadHeuristics() {
  return import('../core/capture/cardText').catch((error: unknown) => {
    throw new CardReaderUnavailableError({ cause: error });
  });
}

async function startWorker(logger: (message: LoggerMessage) => void): Promise<TesseractWorker> {
  const { createWorker } = await import('tesseract.js');
  const { workerPath, corePath, langPath, urls } = __OUTPOST_OCR__;
  const worker = await createWorker('eng', 1 /* OEM.LSTM_ONLY: the smaller core and data */, {
    workerPath,
    corePath,
    langPath,
    workerBlobURL: false,
    // The service worker keeps the data (sw/sw.ts); a second copy in IndexedDB would be ~10 MB more.
    cacheMethod: 'none',
    logger,
    // A failed job rejects its promise; without a handler tesseract.js also throws it unhandled.
    errorHandler: () => {},
  });
  void dropOtherOcrVersions(urls).catch(() => {});
  return worker;
}

/** The one reader of this page. */
export const cardReader: CardReader = createCardReader();
