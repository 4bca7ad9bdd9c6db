import fc from 'fast-check';
import { MQError } from '@mq/common';
import {
  MESSAGE_MODELS,
  MESSAGE_REQUEST_MODES,
  MessageRequestModeSerializeWrapper,
  QueryAssignmentRequestBody,
  QueryAssignmentResponseBody,
  SetMessageRequestModeRequestBody,
} from '../../src/protocol';

/** Written by Apache RocketMQ 5.3.3's `RemotingSerializable.encode()` / `toJson(.., true)` (fastjson 1.2.83). */
const JAVA = {
  queryRequest: '{"clientId":"10.0.0.1@123","consumerGroup":"CG","messageModel":"CLUSTERING","strategyName":"AVG","topic":"TopicTest"}',
  responseWithoutSet: '{}',
  responseEmptySet: '{"messageQueueAssignments":[]}',
  response:
    '{"messageQueueAssignments":[{"messageQueue":{"brokerName":"broker-a","queueId":-1,"topic":"TopicTest"},"mode":"POP"},{"attachments":{"k":"v"},"messageQueue":{"brokerName":"broker-b","queueId":3,"topic":"TopicTest"},"mode":"PULL"}]}',
  setMode: '{"consumerGroup":"Consumer","mode":"POP","popShareQueueNum":-1,"topic":"TopicTest"}',
  setModeDefaults: '{"mode":"PULL","popShareQueueNum":0}',
  wrapperEmpty: '{"messageRequestModeMap":{}}',
  wrapper: '{"messageRequestModeMap":{"TopicTest":{"Consumer":{"consumerGroup":"Consumer","mode":"POP","popShareQueueNum":-1,"topic":"TopicTest"}}}}',
  wrapperPretty:
    '{\n\t"messageRequestModeMap":{\n\t\t"TopicTest":{\n\t\t\t"Consumer":{\n\t\t\t\t"consumerGroup":"Consumer",\n\t\t\t\t"mode":"POP",\n\t\t\t\t"popShareQueueNum":-1,\n\t\t\t\t"topic":"TopicTest"\n\t\t\t}\n\t\t}\n\t}\n}',
};

const POP_ENTRY = { consumerGroup: 'Consumer', mode: 'POP', popShareQueueNum: -1, topic: 'TopicTest' } as const;

describe('QueryAssignmentRequestBody', () => {
  it("writes Java's bytes and reads them back", () => {
    const body = { clientId: '10.0.0.1@123', consumerGroup: 'CG', messageModel: 'CLUSTERING', strategyName: 'AVG', topic: 'TopicTest' } as const;
    expect(QueryAssignmentRequestBody.toJson(body)).toBe(JAVA.queryRequest);
    expect(QueryAssignmentRequestBody.decode(JAVA.queryRequest)).toEqual(body);
  });

  it('reads a message model Java does not have as absent, like fastjson', () => {
    expect(QueryAssignmentRequestBody.decode('{"messageModel":"PUSH","topic":"T"}')).toEqual({ topic: 'T' });
  });

  it('refuses a value of the wrong type', () => {
    expect(() => QueryAssignmentRequestBody.decode('{"topic":{"a":1}}')).toThrow(MQError);
  });
});

describe('QueryAssignmentResponseBody', () => {
  it('writes the assignments as Java does, mode and queue by name', () => {
    const assignments = [
      { messageQueue: { brokerName: 'broker-a', queueId: -1, topic: 'TopicTest' }, mode: 'POP' },
      { attachments: { k: 'v' }, messageQueue: { brokerName: 'broker-b', queueId: 3, topic: 'TopicTest' }, mode: 'PULL' },
    ] as const;
    expect(QueryAssignmentResponseBody.toJson({ messageQueueAssignments: [...assignments] })).toBe(JAVA.response);
    expect(QueryAssignmentResponseBody.decode(JAVA.response).messageQueueAssignments).toEqual(assignments);
  });

  it('keeps "no answer" (absent set) apart from "no queues" (empty set)', () => {
    expect(QueryAssignmentResponseBody.toJson({})).toBe(JAVA.responseWithoutSet);
    expect(QueryAssignmentResponseBody.decode(JAVA.responseWithoutSet).messageQueueAssignments).toBeUndefined();
    expect(QueryAssignmentResponseBody.toJson({ messageQueueAssignments: [] })).toBe(JAVA.responseEmptySet);
    expect(QueryAssignmentResponseBody.decode(JAVA.responseEmptySet).messageQueueAssignments).toEqual([]);
  });

  it('defaults a missing mode to PULL, as the Java field initialiser does', () => {
    const [assignment] = QueryAssignmentResponseBody.decode('{"messageQueueAssignments":[{"messageQueue":{"brokerName":"b","queueId":0,"topic":"T"}}]}').messageQueueAssignments ?? [];
    expect(assignment?.mode).toBe('PULL');
  });
});

describe('SetMessageRequestModeRequestBody', () => {
  it("writes Java's bytes, Java's defaults included", () => {
    expect(SetMessageRequestModeRequestBody.toJson(POP_ENTRY)).toBe(JAVA.setMode);
    expect(SetMessageRequestModeRequestBody.toJson({})).toBe(JAVA.setModeDefaults);
  });

  it('reads an absent mode as PULL and an absent share count as 0', () => {
    expect(SetMessageRequestModeRequestBody.decode('{"topic":"T","consumerGroup":"G"}')).toEqual({ topic: 'T', consumerGroup: 'G', mode: 'PULL', popShareQueueNum: 0 });
  });
});

describe('MessageRequestModeSerializeWrapper', () => {
  it("writes Java's bytes", () => {
    expect(MessageRequestModeSerializeWrapper.toJson({})).toBe(JAVA.wrapperEmpty);
    expect(MessageRequestModeSerializeWrapper.toJson({ messageRequestModeMap: { TopicTest: { Consumer: POP_ENTRY } } })).toBe(JAVA.wrapper);
  });

  it("reads Java's compact and pretty (config file) forms", () => {
    const expected = { messageRequestModeMap: { TopicTest: { Consumer: POP_ENTRY } } };
    expect(MessageRequestModeSerializeWrapper.decode(JAVA.wrapper)).toEqual(expected);
    expect(MessageRequestModeSerializeWrapper.decode(JAVA.wrapperPretty)).toEqual(expected);
  });

  it('round-trips any table', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 });
    const entry = fc.record({
      consumerGroup: name,
      mode: fc.constantFrom(...MESSAGE_REQUEST_MODES),
      popShareQueueNum: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      topic: name,
    });
    const table = fc.dictionary(name, fc.dictionary(name, entry));
    fc.assert(
      fc.property(table, (messageRequestModeMap) => {
        const decoded = MessageRequestModeSerializeWrapper.decode(MessageRequestModeSerializeWrapper.encode({ messageRequestModeMap }));
        expect(decoded.messageRequestModeMap).toEqual(messageRequestModeMap);
      }),
    );
  });

  it('round-trips any assignment request', () => {
    const text = fc.option(fc.string({ maxLength: 20 }), { nil: undefined });
    const request = fc.record({ clientId: text, consumerGroup: text, messageModel: fc.constantFrom(...MESSAGE_MODELS), strategyName: text, topic: text });
    fc.assert(
      fc.property(request, (body) => {
        const defined = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
        expect(QueryAssignmentRequestBody.decode(QueryAssignmentRequestBody.encode(body))).toEqual(defined);
      }),
    );
  });
});
