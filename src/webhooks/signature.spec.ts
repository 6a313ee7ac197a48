import { createHmac } from 'node:crypto';
import { sign, verify, webhookBody } from './signature';

describe('webhook signatures', () => {
  const secret = 'clinic-integration-key';
  const body = webhookBody({
    id: '0b7c1f62-2f7e-4a83-9d36-0d2f0a1c5e11',
    type: 'locale.approved',
    time: '2026-03-02T10:15:00.000Z',
    payload: { project: 'health', article: 'fatigue', locale: 'vi', version: 3 },
  });

  it('is sha256= and the hex HMAC-SHA256 of the body', () => {
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(sign(secret, body)).toBe(`sha256=${hex}`);
    expect(sign(secret, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('verifies the same bytes and refuses anything else', () => {
    const header = sign(secret, body);
    expect(verify(secret, body, header)).toBe(true);
    expect(verify(secret, Buffer.from(body), header)).toBe(true);
    expect(verify(secret, body + ' ', header)).toBe(false);
    expect(verify('another-key', body, header)).toBe(false);
    expect(verify(secret, body, header.replace('sha256=', 'sha1='))).toBe(false);
    expect(verify(secret, body, undefined)).toBe(false);
    expect(verify(secret, body, 'sha256=')).toBe(false);
  });

  it('handles non-ASCII payloads by their UTF-8 bytes', () => {
    const text = webhookBody({
      id: 'e1',
      type: 'segment.translated',
      time: '2026-03-02T10:15:00.000Z',
      payload: { target: 'Uống đủ nước mỗi ngày — 水分补充' },
    });
    const hex = createHmac('sha256', secret).update(Buffer.from(text, 'utf8')).digest('hex');
    expect(sign(secret, text)).toBe(`sha256=${hex}`);
  });

  it('puts id, type, time and payload in the body, in that order', () => {
    expect(Object.keys(JSON.parse(body))).toEqual(['id', 'type', 'time', 'payload']);
  });
});
