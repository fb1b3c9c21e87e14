import { describe, expect, it } from 'vitest';
import { condenseHistory, type HistoryEvent } from '../../../shared/domain/envelope-history';

const at = (minute: number): string => `2026-12-07T10:${String(minute).padStart(2, '0')}:00Z`;
const event = (minute: number, actor: string, action: HistoryEvent['action'], detail: string | null = null): HistoryEvent => ({ at: at(minute), actor, action, detail });

describe('condenseHistory', () => {
  it('condenses a run of open-and-close visits by one clerk into one line, keeping everything else in order', () => {
    const visits = Array.from({ length: 11 }, (_, i) => [event(i * 2 + 1, 'clerk1', 'claimed'), event(i * 2 + 2, 'clerk1', 'released')]).flat();
    const lines = condenseHistory([event(0, 'efsp', 'received'), ...visits, event(30, 'clerk1', 'claimed'), event(31, 'clerk1', 'accepted', 'F1'), event(32, 'clerk1', 'submitted')]);
    expect(lines).toEqual([
      { kind: 'event', event: event(0, 'efsp', 'received') },
      { kind: 'visits', actor: 'clerk1', count: 11, firstAt: at(1), lastAt: at(22) },
      { kind: 'event', event: event(30, 'clerk1', 'claimed') },
      { kind: 'event', event: event(31, 'clerk1', 'accepted', 'F1') },
      { kind: 'event', event: event(32, 'clerk1', 'submitted') },
    ]);
  });

  it('leaves a single visit, visits by different clerks and interleaved events as they are', () => {
    const events = [
      event(1, 'clerk1', 'claimed'), event(2, 'clerk1', 'released'),
      event(3, 'clerk2', 'claimed'), event(4, 'clerk2', 'released'),
      event(5, 'clerk1', 'claimed'), event(6, 'boss', 'reassigned', 'to clerk2'), event(7, 'clerk1', 'released'),
    ];
    expect(condenseHistory(events).every((line) => line.kind === 'event')).toBe(true);
    expect(condenseHistory(events)).toHaveLength(events.length);
  });
});
