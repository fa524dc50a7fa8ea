import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/chategy/responses.json' with { type: 'json' };
import { ChategyApi, ChategyRequestError } from '../../../main/providers/chategy/api.node.ts';
import { linesOf, noticesOf } from '../../../main/providers/chategy/account.node.ts';
import { effectOfStatusId } from '../../../main/providers/chategy/statuses.node.ts';
import { ProviderAuthError } from '../../../main/providers/errors.node.ts';

/**
 * Every saved response of the Chategy collection (seed 004), served verbatim to the real
 * client: what Switchboard calls must read each one, and a refusal must come out in words.
 */
interface Sample {
  endpoint: string;
  name: string;
  code: number | null;
  body: unknown;
}
const responses = fixture.responses as unknown as Sample[];

let server: http.Server;
let answer: Record<string, [number, unknown]> = {};
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const key = `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`;
    const [status, body] = answer[key] ?? [
      404,
      { meta: { code: 404, message: `no sample for ${key}`, status: 'fail' } },
    ];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const api = () =>
  new ChategyApi(base, base, { token: 't', idempotencyKey: 'k', developerKey: 'dev' });
const statusOf = (s: Sample) => s.code ?? (s.name.includes('422') ? 422 : 200);
const serve = (method: string, path: string, s: Sample) =>
  (answer = { ...answer, [`${method} ${path}`]: [statusOf(s), s.body] });

/** How the client reaches each endpoint Switchboard uses, and what it must make of the answer. */
const USED: Record<string, (s: Sample) => Promise<unknown>> = {
  'Available endpoints / v1 / Delivery': (s) => (
    serve('POST', '/api/v1/delivery', s),
    api().deliver({ phone: '995598464533', text: 'Тест' })
  ),
  'Available endpoints / v1 / Information about the delivery (the status of the shipment)': (s) => (
    serve('GET', '/api/v1/delivery/94396942', s),
    api().delivery('94396942')
  ),
  'Available endpoints / v1 / Viewing account information': (s) => (
    serve('GET', '/api/v1/account', s),
    api().account()
  ),
  'Available endpoints / v1 / Sending files': (s) => (
    serve('POST', '/api/v1/send_file', s),
    api().sendFile(
      { phone: '995598464533', file_name: 'a.doc' },
      { name: 'a.doc', mime: 'application/msword', data: new Uint8Array(4) },
    )
  ),
  'Available endpoints / v1 / Delete delivery': (s) => (
    serve('DELETE', '/api/v1/delivery/94396942', s),
    api().deleteDelivery('94396942')
  ),
  "Developer's / Instance Management / Getting information about an instance (customer_id)": (
    s,
  ) => (
    serve('GET', '/developer/v1/instances/813', s),
    serve('DELETE', '/developer/v1/instances/373/delete_container_session', {
      ...s,
      code: 200,
      body: { meta: { code: 200, status: 'success' } },
    }),
    api().deleteContainerSession('813')
  ),
  "Developer's / Instance Management / Interrupting WhatsApp authorization": (s) => (
    serve('GET', '/developer/v1/instances/813', {
      ...s,
      code: 200,
      body: { instance: { id: 368 } },
    }),
    serve('DELETE', '/developer/v1/instances/368/delete_container_session', s),
    api().deleteContainerSession('813')
  ),
  "Developer's / Webhooks / Creating a webhook": (s) => (
    serve('POST', '/developer/v1/webhooks', s),
    api().createWebhook('https://example.com', ['whatsapp_log_out'])
  ),
  "Developer's / Webhooks / Getting all the records": (s) => (
    serve('GET', '/developer/v1/webhooks', s),
    api().webhooks()
  ),
  "Developer's / Webhooks / Deleting an entry": (s) => (
    serve('DELETE', '/developer/v1/webhooks/57', s),
    api().deleteWebhook('57')
  ),
  "Developer's / Authorization of messengers / MAX Authorization / Phone number verification / Phone number verification":
    (s) => (serve('POST', '/api/v1/max/send_phone', s), api().maxSendPhone('79811597745')),
  "Developer's / Authorization of messengers / MAX Authorization / Code confirmation / Code confirmation":
    (s) => (serve('POST', '/api/v1/max/send_code', s), api().maxSendCode('848158')),
  "Developer's / Authorization of messengers / MAX Authorization / Session reset / Session reset": (
    s,
  ) => (serve('POST', '/api/v1/max/close_session', s), api().maxCloseSession()),
};

/** Endpoints Switchboard does not call (bulk sends, operator lookup, UTM marks, instance administration). */
const UNUSED = [
  'Available endpoints / v1 / Bulk Delivery',
  'Available endpoints / v1 / Information about the phone number',
  'Available endpoints / v1 / UTM tags',
  "Developer's / Instance Management / Creating an instance",
  "Developer's / Instance Management / Getting information about an instance (external_id)",
  "Developer's / Instance Management / Getting information about all instanes",
  "Developer's / Instance Management / Instance data changes",
  "Developer's / Instance Management / Activating an instance subscription",
  "Developer's / Webhooks / Getting an entry",
  "Developer's / Webhooks / Changing an entry",
];

describe('Chategy seed responses, served verbatim', () => {
  it('has decided, for every endpoint of the seed, whether Switchboard calls it', () => {
    const endpoints = [...new Set(responses.map((s) => s.endpoint))].sort();
    expect(endpoints).toEqual([...Object.keys(USED), ...UNUSED].sort());
  });

  it.each(
    responses.filter((s) => USED[s.endpoint]).map((s) => [`${s.endpoint} — ${s.name}`, s] as const),
  )('reads %s', async (_name, sample) => {
    answer = {};
    const outcome = await USED[sample.endpoint]!(sample).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (statusOf(sample) < 300) {
      expect(outcome).toMatchObject({ ok: true });
      return;
    }
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: Error }).error;
    if (statusOf(sample) === 401) return expect(error).toBeInstanceOf(ProviderAuthError);
    expect(error).toBeInstanceOf(ChategyRequestError);
    // In words: no snake_case key of Chategy's reaches the user.
    expect(error.message).not.toMatch(/[a-z]+_[a-z]+/);
    expect(error.message).toMatch(/[.!?]$/);
  });

  it('makes sense of what the successful answers say', async () => {
    const pick = (endpoint: string) =>
      responses.find((s) => s.endpoint === endpoint && statusOf(s) === 200)!;
    answer = {};
    const account = await USED['Available endpoints / v1 / Viewing account information']!(
      pick('Available endpoints / v1 / Viewing account information'),
    );
    expect(linesOf(account as never).map((l) => [l.providerLineId, l.login?.state])).toEqual([
      ['whatsapp', 'authorized'],
      ['tdlib', 'authorized'],
      ['max', 'unknown'],
    ]);
    expect(noticesOf(account as never, new Date('2025-06-01'))).toMatchObject({
      balance: '780.70',
      subscriptionStatus: 'active',
    });
    const sent = (await USED['Available endpoints / v1 / Delivery']!(
      pick('Available endpoints / v1 / Delivery'),
    )) as { id: string; status_id: number };
    expect(sent).toMatchObject({ id: '94396942', status_id: 6 });
    const polled = (await USED[
      'Available endpoints / v1 / Information about the delivery (the status of the shipment)'
    ]!(
      pick(
        'Available endpoints / v1 / Information about the delivery (the status of the shipment)',
      ),
    )) as { status: { status_id: number } };
    expect(effectOfStatusId(polled.status.status_id)).toMatchObject({
      final: true,
      status: { tick: 'failed', reason: 'Sending is forbidden.' },
    });
    const hooks = await USED["Developer's / Webhooks / Getting all the records"]!(
      pick("Developer's / Webhooks / Getting all the records"),
    );
    expect(hooks).toEqual([
      expect.objectContaining({ id: expect.anything(), url: expect.any(String) }),
    ]);
  });
});
