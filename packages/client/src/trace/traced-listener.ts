import type { MessageExt } from '@mq/common';
import type { ConsumerTracer } from './consumer-tracer';
import { ConsumeReturnType } from './trace-context';

/** A push listener of either kind: messages and a context in, a status out. */
type Listener<C, S extends string> = (messages: MessageExt[], context: C) => S | Promise<S>;

/** Java's classification of a finished listener call, in its order of precedence. */
function returnTypeOf<S extends string>(status: S | undefined, threw: boolean, elapsedMs: number, timeoutMs: number, successStatus: S): ConsumeReturnType {
  if (status === undefined || status === null) return threw ? ConsumeReturnType.EXCEPTION : ConsumeReturnType.RETURNNULL;
  if (elapsedMs >= timeoutMs) return ConsumeReturnType.TIME_OUT;
  return status === successStatus ? ConsumeReturnType.SUCCESS : ConsumeReturnType.FAILED;
}

/**
 * Wraps a concurrent or orderly listener with SubBefore/SubAfter records. The wrapped
 * listener behaves exactly like the original: same status, same exception.
 */
export function tracedListener<C, S extends string>(listener: Listener<C, S>, tracer: ConsumerTracer, successStatus: S, consumeTimeoutMs: number): Listener<C, S> {
  return async (messages, context) => {
    const before = tracer.before(messages);
    const startedAt = Date.now();
    let status: S | undefined;
    let threw = false;
    try {
      status = await listener(messages, context);
      return status;
    } catch (error) {
      threw = true;
      throw error;
    } finally {
      const returnType = returnTypeOf(status, threw, Date.now() - startedAt, consumeTimeoutMs, successStatus);
      tracer.after(before, messages.length, status === successStatus, returnType);
    }
  };
}
