import type { ConsumeMessageDirectlyResult, ConsumeMessageDirectlyResultCode, BodyInit } from '@mq/remoting';

/** What CONSUME_MESSAGE_DIRECTLY answers (§8.17). */
export type DirectConsumeResult = BodyInit<typeof ConsumeMessageDirectlyResult>;

/**
 * Runs one listener call for CONSUME_MESSAGE_DIRECTLY and reports it as Java does:
 * the mapped result, CR_RETURN_NULL for no status, CR_THROW_EXCEPTION with the error text.
 * Offsets are not touched.
 */
export async function consumeDirectlyWith<S>(
  call: () => S | undefined | Promise<S | undefined>,
  resultOf: (status: S) => ConsumeMessageDirectlyResultCode,
  order: boolean,
): Promise<DirectConsumeResult> {
  const startedAt = Date.now();
  let consumeResult: ConsumeMessageDirectlyResultCode;
  let remark: string | undefined;
  try {
    const status = await call();
    consumeResult = status === undefined || status === null ? 'CR_RETURN_NULL' : resultOf(status);
  } catch (error) {
    consumeResult = 'CR_THROW_EXCEPTION';
    remark = (error as Error).stack ?? String(error);
  }
  return { order, autoCommit: true, consumeResult, remark, spentTimeMills: Date.now() - startedAt };
}
