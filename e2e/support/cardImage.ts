import type { Page } from '@playwright/test';

/** What a test card says. Test data avoids the look-alikes I, l and 1 (TESTING-NOTES.md). */
export interface TestCard {
  name: string;
  title: string;
  company: string;
  email: string;
  phone: string;
  web: string;
}

export const CARD: TestCard = {
  name: 'Mara Quayson',
  title: 'Head of Operations',
  company: 'Vantage Robotics GmbH',
  email: 'mara.quayson@vantagerobotics.com',
  phone: '+49 30 5550 2846',
  web: 'www.vantagerobotics.com',
};

/**
 * A clean card photo as PNG bytes, drawn on a canvas in `page`: black sans-serif on white, the
 * name at 40 px and the other lines at 22 px, on a 1000 × 600 card; `scale` enlarges it all
 * (a camera's photo is larger than the app keeps).
 */
export async function renderCard(page: Page, { card = CARD, scale = 1 }: { card?: TestCard; scale?: number } = {}): Promise<Buffer> {
  const dataUrl = await page.evaluate(({ c, s }) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1000 * s;
    canvas.height = 600 * s;
    const g = canvas.getContext('2d')!;
    g.scale(s, s);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#111';
    g.textBaseline = 'alphabetic';
    g.font = 'bold 40px sans-serif';
    g.fillText(c.name, 70, 120);
    g.font = '22px sans-serif';
    g.fillText(c.title, 70, 165);
    g.fillText(c.company, 70, 205);
    g.fillText(c.email, 70, 430);
    g.fillText(c.phone, 70, 470);
    g.fillText(c.web, 70, 510);
    return canvas.toDataURL('image/png');
  }, { c: card, s: scale });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}
