import { describe, expect, it } from 'vitest';
import { readBadge } from './badge';

describe('readBadge: MECARD', () => {
  it('reads a full MECARD', () => {
    const code = 'MECARD:N:Doe,John;TEL:+15551234;EMAIL:J.Doe@X.io;ORG:Acme Corp;TITLE:CTO;URL:https\\://acme.example;NOTE:Booth 12\\; hall B;;';
    expect(readBadge(code)).toEqual({
      kind: 'mecard',
      fields: { name: 'John Doe', company: 'Acme Corp', title: 'CTO', email: 'j.doe@x.io', phone: '+15551234' },
      notes: 'Website: https://acme.example\nBooth 12; hall B',
    });
  });

  it('takes the first TEL and EMAIL and keeps the others in Notes', () => {
    const code = 'MECARD:N:Tanaka,Hanako;TEL:03-1234-5678;TEL:090-1234-5678;TEL-AV:090-0000-0000;EMAIL:h@a.jp;EMAIL:hanako@b.jp;;';
    expect(readBadge(code)).toEqual({
      kind: 'mecard',
      fields: { name: 'Hanako Tanaka', email: 'h@a.jp', phone: '03-1234-5678' },
      notes: 'Phone: 090-1234-5678\nVideo phone: 090-0000-0000\nEmail: hanako@b.jp',
    });
  });

  it('unescapes values and reads ADR', () => {
    const code = 'MECARD:N:O\\,Brien\\;x,Pat;ADR:,,1 Main St,Springfield,IL,62701,USA;NOTE:a\\:b\\\\c;;';
    expect(readBadge(code)).toEqual({
      kind: 'mecard',
      fields: { name: 'Pat O,Brien;x' },
      notes: 'Address: 1 Main St, Springfield, IL, 62701, USA\na:b\\c',
    });
  });

  it('reads a name without a comma as written, and a MECARD without the closing ;;', () => {
    expect(readBadge('MECARD:N:Ada Lovelace;EMAIL:ada@x.io').fields).toEqual({ name: 'Ada Lovelace', email: 'ada@x.io' });
    expect(readBadge('mecard:n:Lovelace,Ada;').fields).toEqual({ name: 'Ada Lovelace' });
  });

  it('drops SOUND, BDAY and unknown fields, and fields without a value', () => {
    expect(readBadge('MECARD:N:Doe,John;SOUND:doe,jon;BDAY:19700101;X-FOO:bar;TEL:;EMAIL:;;')).toEqual({
      kind: 'mecard',
      fields: { name: 'John Doe' },
      notes: '',
    });
  });
});
