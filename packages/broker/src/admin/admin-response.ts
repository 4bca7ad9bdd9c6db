import { RemotingCommand, ResponseCode } from '@mq/remoting';

/** A SUCCESS response to `request`, with `body` when given. */
export function success(request: RemotingCommand, body?: Buffer): RemotingCommand {
  const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
  if (body) response.body = body;
  return response;
}
