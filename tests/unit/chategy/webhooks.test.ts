import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/chategy/webhooks.json' with { type: 'json' };
import type { ProviderEvent } from '../../../shared/model/events.std.ts';
import { WebhookReader } from '../../../main/providers/chategy/webhooks.node.ts';

function read(body: unknown, customerId: string) {
  const events: ProviderEvent[] = [];
  const quarantined: string[] = [];
  const reader = new WebhookReader({
    customerId,
    emit: (e) => events.push(e),
    quarantine: (reason) => quarantined.push(reason),
    cascading: () => false,
    watch: () => undefined,
    settled: () => undefined,
    callback: () => undefined,
    whatsAppSignedIn: () => undefined,
  });
  return { result: reader.receive(body), events, quarantined };
}

const ownerOf = (sample: { payload: Record<string, unknown> }) => {
  const p = sample.payload as { customer_id?: number; instance?: { customer_id?: number } };
  return String(p.instance?.customer_id ?? p.customer_id ?? '');
};

describe('Chategy webhooks, the seed’s samples', () => {
  it.each(fixture.samples.map((s, i) => [`${i}: ${s.type}`, s] as const))(
    'reads %s',
    (_name, sample) => {
      const { result, quarantined } = read(sample, ownerOf(sample as never));
      expect(quarantined).toEqual([]);
      expect(result).toEqual({ accepted: 1, rejected: 0 });
    },
  );

  it('maps WhatsApp text, files, direction and the bidi-wrapped name', () => {
    const [outDoc, outImage, inText, inFile] = fixture.samples.filter(
      (s) => s.type === 'whatsapp_incoming_msg',
    );
    const first = read(outDoc, '2707').events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(first.message).toMatchObject({
      direction: 'out',
      origin: 'api_other',
      type: 'document',
      text: 'file new',
      ids: { provider: 'true_95555558974@c.us_d292906746THISISBOT', internal: '29290746' },
      media: { mime: 'application/msword', fileName: 'test.doc' },
    });
    expect(first.message.media?.urlExpiresAt).toBeGreaterThan(Date.now());
    const image = read(outImage, '4140').events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(image.message).toMatchObject({
      direction: 'out',
      origin: 'phone',
      type: 'image',
      time: 1764081041000,
    });
    const text = read(inText, '2707').events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(text).toMatchObject({
      line: 'whatsapp',
      chat: { id: '995555558974@c.us', kind: 'private', title: 'Test', phone: '995555558974' },
      message: { direction: 'in', origin: 'contact', text: 'text', sender: { name: 'Test' } },
    });
    const file = read(inFile, '27807').events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(file.message).toMatchObject({
      type: 'document',
      text: 'text',
      media: { mime: 'image/jpeg', fileName: '1764069615_media.jpg' },
    });
  });

  it('maps Telegram messages in either type casing, chat-scoped ids, and calls', () => {
    const [outgoing, incoming] = fixture.samples.filter((s) => s.type === 'tdlib_incoming_msg');
    const out = read(outgoing, '77').events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(out).toMatchObject({
      line: 'tdlib',
      chat: { id: '37916707', title: 'test2', phone: '971568961134' },
      message: {
        type: 'text',
        direction: 'out',
        ids: { provider: '37916707:978172510208', internal: '170405' },
      },
    });
    const inc = read(incoming, '530').events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(inc).toMatchObject({
      chat: { id: '379163707', title: 'mdyageleva' },
      message: { type: 'text', text: 'text', direction: 'in' },
    });
    const call = read(
      fixture.samples.find((s) => s.type === 'tdlib_call'),
      '1011',
    ).events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(call.message).toMatchObject({
      type: 'call',
      origin: 'system',
      text: 'Voice: Call (disconnected)',
    });
    const wa = read(
      fixture.samples.find((s) => s.type === 'whatsapp_call'),
      '111',
    ).events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(wa.message).toMatchObject({
      type: 'call',
      text: 'Incoming voice call',
      time: 1751293264000,
    });
  });

  it('maps status webhooks and log in / out', () => {
    const status = read(
      fixture.samples.find((s) => s.type === 'message_status'),
      '111',
    ).events[0];
    expect(status).toEqual({
      kind: 'status',
      line: 'whatsapp',
      ref: { provider: 'true_995555123456@c.us_8110THISISBOT' },
      status: { tick: 'read' },
    });
    expect(
      read(
        fixture.samples.find((s) => s.type === 'whatsapp_log_in'),
        '1050',
      ).events[0],
    ).toEqual({
      kind: 'login',
      line: 'whatsapp',
      state: { state: 'authorized', phone: '+420774948868' },
    });
    expect(
      read(
        fixture.samples.find((s) => s.type === 'whatsapp_log_out'),
        '591',
      ).events[0],
    ).toMatchObject({ kind: 'login', line: 'whatsapp', state: { state: 'logged_out' } });
  });

  it('takes the live MAX form: customer_id on top, timestamp beside the message, string ids, groups', () => {
    const body = {
      type: 'max_incoming_msg',
      payload: {
        customer_id: 46594,
        chat_id: '-72962629261478',
        chat_type: 'group',
        chat_name: 'Админы',
        direction: 'incoming',
        sender_phone_number: '79250177778',
        timestamp: 1785783150,
        message: { id: '117033084582515339', type: 'text', text: 'Остаток в кассе' },
      },
    };
    const event = read(body, '46594').events[0] as Extract<ProviderEvent, { kind: 'message' }>;
    expect(event).toMatchObject({
      line: 'max',
      chat: { id: '-72962629261478', kind: 'group', title: 'Админы' },
      message: { time: 1785783150000, ids: { provider: '-72962629261478:117033084582515339' } },
    });
    expect(event.chat.phone).toBeUndefined();
  });

  it('quarantines what it cannot read, and what belongs to another customer', () => {
    expect(read({ hello: 1 }, '1').quarantined).toEqual(['not a Chategy webhook: no type']);
    expect(
      read({ type: 'whatsapp_incoming_msg', payload: { new_message: {} } }, '1').quarantined[0],
    ).toMatch(/whatsapp_incoming_msg not understood: new_message.message/);
    expect(read({ type: 'sms_incoming', payload: {} }, '1').quarantined[0]).toMatch(
      /unknown Chategy webhook type "sms_incoming"/,
    );
    expect(read(fixture.samples[2], '999').quarantined[0]).toMatch(
      /customer 2707, not this account/,
    );
  });
});
