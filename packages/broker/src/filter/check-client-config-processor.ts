import { getLogger } from '@mq/common';
import { CheckClientRequestBody, RemotingCommand, ResponseCode } from '@mq/remoting';
import { decodeRequestBody } from '../processor/request-body';
import { compileSql92 } from './sql92-compiler';
import { EXPRESSION_TYPE_SQL92, isTagType } from './subscription-filter';

const log = getLogger('CheckClientConfig');

/**
 * CHECK_CLIENT_CONFIG (46), sent by a Java consumer's start() for each non-TAG subscription
 * (store-and-broker §14.1): SUCCESS for TAG or a compiling SQL92 expression, SYSTEM_ERROR when
 * `enablePropertyFilter` is off, SUBSCRIPTION_PARSE_FAILED with the parser's message otherwise.
 */
export class CheckClientConfigProcessor {
  constructor(private readonly propertyFilterEnabled: () => boolean) {}

  process(request: RemotingCommand): RemotingCommand {
    const body = decodeRequestBody(CheckClientRequestBody, request.body, 'CheckClientRequestBody');
    const subscription = body.subscriptionData;
    if (!subscription || isTagType(subscription.expressionType)) return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    if (!this.propertyFilterEnabled()) {
      return RemotingCommand.createResponse(
        request,
        ResponseCode.SYSTEM_ERROR,
        `The broker does not support consumer to filter message by ${subscription.expressionType}`,
      );
    }
    const failure = compileFailure(subscription.expressionType, subscription.subString ?? '');
    if (failure === undefined) return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    log.warn({ clientId: body.clientId, group: body.group, expression: subscription.subString, error: failure }, 'subscription expression does not compile');
    return RemotingCommand.createResponse(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, failure);
  }
}

/** Why the expression does not compile, or undefined when it does. */
function compileFailure(expressionType: string, expression: string): string | undefined {
  if (expressionType !== EXPRESSION_TYPE_SQL92) return `no filter for expression type ${expressionType}`;
  try {
    compileSql92(expression);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
