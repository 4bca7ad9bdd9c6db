import {
  DeleteKVConfigRequestHeader,
  GetKVConfigRequestHeader,
  GetKVConfigResponseHeader,
  GetKVListByNamespaceRequestHeader,
  PutKVConfigRequestHeader,
  RequestCode,
  ResponseCode,
  type RemotingCommand,
} from '@mq/remoting';
import { encodeKVTable } from '../wire/namesrv-bodies';
import { failure, success, type NamesrvServices, type ProcessorTable } from './namesrv-services';

/** Processors for the KV config (PUT/GET/DELETE_KV_CONFIG, GET_KVLIST_BY_NAMESPACE). */
export function kvConfigProcessors(services: NamesrvServices): ProcessorTable {
  return [
    [RequestCode.PUT_KV_CONFIG, (request) => putKVConfig(services, request)],
    [RequestCode.GET_KV_CONFIG, (request) => getKVConfig(services, request)],
    [RequestCode.DELETE_KV_CONFIG, (request) => deleteKVConfig(services, request)],
    [RequestCode.GET_KVLIST_BY_NAMESPACE, (request) => getKVListByNamespace(services, request)],
  ];
}

async function putKVConfig({ kvConfig }: NamesrvServices, request: RemotingCommand): Promise<RemotingCommand> {
  const { namespace, key, value } = PutKVConfigRequestHeader.decode(request.extFields);
  await kvConfig.putKVConfig(namespace, key, value);
  return success(request);
}

function getKVConfig({ kvConfig }: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const { namespace, key } = GetKVConfigRequestHeader.decode(request.extFields);
  const value = kvConfig.getKVConfig(namespace, key);
  if (value === undefined) return failure(request, ResponseCode.QUERY_NOT_FOUND, `No config item, Namespace: ${namespace} Key: ${key}`);
  return success(request, GetKVConfigResponseHeader.encode({ value }));
}

async function deleteKVConfig({ kvConfig }: NamesrvServices, request: RemotingCommand): Promise<RemotingCommand> {
  const { namespace, key } = DeleteKVConfigRequestHeader.decode(request.extFields);
  await kvConfig.deleteKVConfig(namespace, key);
  return success(request);
}

function getKVListByNamespace({ kvConfig }: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const { namespace } = GetKVListByNamespaceRequestHeader.decode(request.extFields);
  const table = kvConfig.getKVListByNamespace(namespace);
  if (!table) return failure(request, ResponseCode.QUERY_NOT_FOUND, `No config item, Namespace: ${namespace}`);
  return success(request, undefined, encodeKVTable(table));
}
