import { describe, expect, test } from 'vitest';
import { isNumber, isString } from './field-guards';
import { tagOnly, unionGuard } from './union-guard';

type Message =
  { readonly type: 'ping'; readonly id: number } | { readonly type: 'say'; readonly id: number; readonly text: string };

const isMessage = unionGuard<Message>({ ping: tagOnly, say: (value) => isString(value['text']) }, (value) =>
  isNumber(value['id']),
);

describe('unionGuard', () => {
  test('accepts each member whose shared and own fields pass', () => {
    expect(isMessage({ type: 'ping', id: 1 })).toBe(true);
    expect(isMessage({ type: 'say', id: 2, text: 'hi' })).toBe(true);
  });

  test('rejects a member whose own or shared fields fail', () => {
    expect(isMessage({ type: 'say', id: 2 })).toBe(false);
    expect(isMessage({ type: 'ping' })).toBe(false);
  });

  test('rejects unknown tags, inherited property names and non-records', () => {
    for (const type of ['pong', 'constructor', 'toString', undefined, 1])
      expect(isMessage({ type, id: 1, text: 'x' })).toBe(false);
    for (const value of [null, undefined, 'ping', [{ type: 'ping', id: 1 }]]) expect(isMessage(value)).toBe(false);
  });
});
