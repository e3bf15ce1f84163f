import { describe, expect, it } from 'vitest';
import { etaChanged, type EtaChanged } from './eta-changed.js';
import { formatDate } from './rendered-email.js';

const line: EtaChanged = {
  shopName: 'Corner Shop', customerName: null, orderRef: 'WEB-1', sku: 'WIDGET', name: 'Blue Widget', backordered: 2,
  toldBefore: true, previousEta: '2026-12-18', eta: '2026-12-28', estimated: true,
};

describe('etaChanged', () => {
  it('says "instead of" the date mailed before', () => {
    const mail = etaChanged(line);
    expect(mail.subject).toBe(`Order WEB-1: Blue Widget now expected by ${formatDate('2026-12-28')}`);
    expect(mail.text).toContain(`It is now expected to ship by ${formatDate('2026-12-28')} (estimate), instead of ${formatDate('2026-12-18')}.`);
  });

  it('tells the first date mailed for a line as news, compared to none', () => {
    const mail = etaChanged({ ...line, toldBefore: false, previousEta: null });
    expect(mail.subject).toBe(`Order WEB-1: Blue Widget expected by ${formatDate('2026-12-28')}`);
    expect(mail.text).toContain(`The 2 × Blue Widget (WIDGET) on backorder for order WEB-1 is expected to ship by ${formatDate('2026-12-28')} (estimate).`);
    expect(mail.text).not.toMatch(/instead of|later|sooner|again/);
  });

  it('withdraws a date without naming one when none was mailed for the line', () => {
    const told = etaChanged({ ...line, eta: null });
    expect(told.text).toContain(`We had expected it by ${formatDate('2026-12-18')}.`);
    const untold = etaChanged({ ...line, toldBefore: false, previousEta: null, eta: null });
    expect(untold.subject).toBe('Order WEB-1: no delivery date for Blue Widget any more');
    expect(untold.text).toContain('we can no longer say when the 2 × Blue Widget (WIDGET) on backorder for order WEB-1 will come');
    expect(untold.text).not.toContain('We had expected');
  });
});
