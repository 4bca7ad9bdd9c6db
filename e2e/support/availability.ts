/** Whether a suite's prerequisites are present, and if not, why. */
export type Availability = { available: true } | { available: false; reason: string };

export const AVAILABLE: Availability = { available: true };

/**
 * Reference runs drive Apache RocketMQ's own servers with the Java drivers: they prove a
 * scenario table and its drivers right, not our code, so they run on request
 * (`MQ_E2E_REFERENCE=1`): whenever a table or a driver changes.
 */
export function referenceRun(): Availability {
  return process.env.MQ_E2E_REFERENCE === '1'
    ? AVAILABLE
    : { available: false, reason: 'a reference run against Apache RocketMQ itself; set MQ_E2E_REFERENCE=1 to run it' };
}

/** Available only when every part is; otherwise the reasons of the missing parts. */
export function allOf(...parts: readonly Availability[]): Availability {
  const reasons = parts.flatMap((part) => (part.available ? [] : [part.reason]));
  return reasons.length === 0 ? AVAILABLE : { available: false, reason: reasons.join('; ') };
}

/**
 * `describe` when the prerequisites are there; otherwise a skipped `describe` whose name
 * carries the reason, plus one warning line so a plain `npm test` log says why.
 */
export function describeIf(availability: Availability, name: string, body: () => void): void {
  if (availability.available) {
    describe(name, body);
    return;
  }
  console.warn(`e2e skipped: ${name}: ${availability.reason}`);
  describe.skip(`${name} (skipped: ${availability.reason})`, () => {
    test('needs its prerequisites', () => undefined);
  });
}
