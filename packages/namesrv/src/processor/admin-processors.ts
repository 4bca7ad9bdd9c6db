import {
  AddWritePermOfBrokerRequestHeader,
  AddWritePermOfBrokerResponseHeader,
  DeleteTopicFromNamesrvRequestHeader,
  RequestCode,
  WipeWritePermOfBrokerRequestHeader,
  WipeWritePermOfBrokerResponseHeader,
  type RemotingCommand,
} from '@mq/remoting';
import { success, type NamesrvServices, type ProcessorTable } from './namesrv-services';

/** Processors for admin requests: topic deletion, broker write permission, name server config. */
export function adminProcessors(services: NamesrvServices): ProcessorTable {
  return [
    [RequestCode.DELETE_TOPIC_IN_NAMESRV, (request) => deleteTopic(services, request)],
    [RequestCode.WIPE_WRITE_PERM_OF_BROKER, (request) => wipeWritePerm(services, request)],
    [RequestCode.ADD_WRITE_PERM_OF_BROKER, (request) => addWritePerm(services, request)],
    [RequestCode.UPDATE_NAMESRV_CONFIG, (request) => updateNamesrvConfig(services, request)],
    [RequestCode.GET_NAMESRV_CONFIG, (request) => success(request, undefined, Buffer.from(services.configStore.format(), 'utf8'))],
  ];
}

function deleteTopic({ routes }: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const { topic, clusterName } = DeleteTopicFromNamesrvRequestHeader.decode(request.extFields);
  routes.deleteTopic(topic, clusterName);
  return success(request);
}

function wipeWritePerm({ routes }: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const { brokerName } = WipeWritePermOfBrokerRequestHeader.decode(request.extFields);
  const wipeTopicCount = routes.wipeWritePermOfBroker(brokerName);
  return success(request, WipeWritePermOfBrokerResponseHeader.encode({ wipeTopicCount }));
}

function addWritePerm({ routes }: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const { brokerName } = AddWritePermOfBrokerRequestHeader.decode(request.extFields);
  const addTopicCount = routes.addWritePermOfBroker(brokerName);
  return success(request, AddWritePermOfBrokerResponseHeader.encode({ addTopicCount }));
}

async function updateNamesrvConfig({ configStore }: NamesrvServices, request: RemotingCommand): Promise<RemotingCommand> {
  if (request.body) await configStore.update(request.body.toString('utf8'));
  return success(request);
}
