import { RequestCode, requestCodeName, ResponseCode, responseCodeName } from '../../src/protocol';

describe('request codes', () => {
  it('has the spec values for the codes every peer needs', () => {
    expect(RequestCode.SEND_MESSAGE).toBe(10);
    expect(RequestCode.PULL_MESSAGE).toBe(11);
    expect(RequestCode.HEART_BEAT).toBe(34);
    expect(RequestCode.REGISTER_BROKER).toBe(103);
    expect(RequestCode.GET_ROUTEINFO_BY_TOPIC).toBe(105);
    expect(RequestCode.SEND_MESSAGE_V2).toBe(310);
    expect(RequestCode.SEND_BATCH_MESSAGE).toBe(320);
    expect(RequestCode.GET_TOPIC_CONFIG).toBe(351);
    expect(RequestCode.LITE_PULL_MESSAGE).toBe(361);
    expect(RequestCode.BROKER_HEARTBEAT).toBe(904);
    expect(RequestCode.POP_MESSAGE).toBe(200050);
    expect(RequestCode.BATCH_ACK_MESSAGE).toBe(200151);
  });

  it('lists 158 distinct codes', () => {
    const codes = Object.values(RequestCode);
    expect(codes).toHaveLength(158);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('maps every code back to its name', () => {
    for (const [name, code] of Object.entries(RequestCode)) expect(requestCodeName(code)).toBe(name);
    expect(requestCodeName(99999)).toBeUndefined();
  });
});

describe('response codes', () => {
  it('has the spec values', () => {
    expect(ResponseCode.SUCCESS).toBe(0);
    expect(ResponseCode.SYSTEM_ERROR).toBe(1);
    expect(ResponseCode.SYSTEM_BUSY).toBe(2);
    expect(ResponseCode.REQUEST_CODE_NOT_SUPPORTED).toBe(3);
    expect(ResponseCode.TOPIC_NOT_EXIST).toBe(17);
    expect(ResponseCode.PULL_NOT_FOUND).toBe(19);
    expect(ResponseCode.INVALID_PARAMETER).toBe(29);
    expect(ResponseCode.CONSUMER_NOT_ONLINE).toBe(206);
    expect(ResponseCode.GO_AWAY).toBe(1500);
    expect(ResponseCode.RPC_TIME_OUT).toBe(-1006);
  });

  it('names shared values by their 5.x name', () => {
    expect(responseCodeName(209)).toBe('POLLING_FULL');
    expect(responseCodeName(210)).toBe('POLLING_TIMEOUT');
    expect(responseCodeName(211)).toBe('BROKER_NOT_EXIST');
    expect(ResponseCode.DELETE_ACL_CONFIG_FAILED).toBe(210);
  });

  it('maps every unshared code back to its name', () => {
    const shared = new Set([209, 210, 211]);
    for (const [name, code] of Object.entries(ResponseCode)) {
      if (!shared.has(code)) expect(responseCodeName(code)).toBe(name);
    }
    expect(responseCodeName(12345)).toBeUndefined();
  });
});
