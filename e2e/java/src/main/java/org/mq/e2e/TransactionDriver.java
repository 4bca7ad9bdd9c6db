package org.mq.e2e;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * TransactionMQProducer: the local transaction of message i ends as {@code states[i]}
 * (COMMIT_MESSAGE, ROLLBACK_MESSAGE or UNKNOW); a check-back commits the unknown ones.
 * Before those transactions the driver ends two that never began: END_TRANSACTION (commit,
 * then rollback; oneway, as the client sends it) for a commit-log offset no message has, which
 * must leave the broker's transaction state intact.
 *
 * <p>Options: --namesrv --topic --group --states S1,S2,... --expect N [--queues 4] [--grace-ms 3000].
 * {@code expect} is how many messages must be delivered (committed at once or after a check);
 * the driver then listens for {@code grace-ms} more, longer than the broker's check interval.
 * Result: {@code sent} (SendResult + {@code localState}), {@code checks} (body to the number of
 * check-backs it got) and {@code received}.
 */
public final class TransactionDriver {
    private static final long TIMEOUT_MS = 60_000;
    /** Far beyond anything a test broker's commit log holds. */
    private static final long UNKNOWN_COMMIT_LOG_OFFSET = 1L << 40;

    private TransactionDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("transaction", argv, TransactionDriver::run);
    }

    /**
     * Local transactions end as the message's scripted state. A check-back is counted and
     * answered as a real application would: the state the transaction ended in, and
     * COMMIT_MESSAGE for one that was still unknown.
     */
    private static final class ScriptedTransactions implements TransactionListener {
        private final Map<String, LocalTransactionState> outcomes = new ConcurrentHashMap<>();
        private final Map<String, Integer> checks = new ConcurrentHashMap<>();

        @Override
        public LocalTransactionState executeLocalTransaction(Message message, Object state) {
            LocalTransactionState outcome = LocalTransactionState.valueOf((String) state);
            outcomes.put(new String(message.getBody()), outcome);
            return outcome;
        }

        @Override
        public LocalTransactionState checkLocalTransaction(MessageExt message) {
            String body = new String(message.getBody());
            checks.merge(body, 1, Integer::sum);
            LocalTransactionState outcome = outcomes.getOrDefault(body, LocalTransactionState.UNKNOW);
            return outcome == LocalTransactionState.UNKNOW ? LocalTransactionState.COMMIT_MESSAGE : outcome;
        }
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        ScriptedTransactions transactions = new ScriptedTransactions();
        TransactionMQProducer producer = clients.transactionProducer(args.get("group") + "-producer", transactions);
        List<MessageQueue> queues = Topics.create(producer, topic, args.getInt("queues", 4));
        RecordingListener listener = new RecordingListener();
        PushConsumers.startFromFirst(clients, args.get("group"), topic, listener);

        endUnknownTransactions(producer, topic, queues.get(0));
        String[] states = args.get("states").split(",");
        List<Message> messages = Messages.build(topic, 0, states.length, Messages.UNTAGGED);
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            TransactionSendResult result = producer.sendMessageInTransaction(messages.get(i), states[i]);
            Map<String, Object> entry = Messages.describe(messages.get(i), result);
            entry.put("localState", result.getLocalTransactionState().name());
            sent.add(entry);
        }
        int expected = args.getInt("expect");
        Await.until(expected + " transactional deliveries", TIMEOUT_MS, () -> listener.count() >= expected);
        Thread.sleep(args.getLong("grace-ms", 3000));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("checks", new LinkedHashMap<>(transactions.checks));
        result.put("received", listener.snapshot());
        return result;
    }

    /** Commits, then rolls back, a transaction whose half message would sit at an unused commit-log offset. */
    private static void endUnknownTransactions(TransactionMQProducer producer, String topic, MessageQueue queue)
        throws Exception {
        String brokerAddr = BrokerAddresses.master(producer.getDefaultMQProducerImpl().getmQClientFactory(), queue);
        String offsetMsgId = offsetMessageId(brokerAddr, UNKNOWN_COMMIT_LOG_OFFSET);
        SendResult neverSent = new SendResult(SendStatus.SEND_OK, offsetMsgId, offsetMsgId, queue, 0);
        neverSent.setTransactionId(offsetMsgId);
        Message message = new Message(topic, "never-prepared".getBytes());
        for (LocalTransactionState state : List.of(LocalTransactionState.COMMIT_MESSAGE, LocalTransactionState.ROLLBACK_MESSAGE)) {
            producer.getDefaultMQProducerImpl().endTransaction(message, neverSent, state, null);
        }
    }

    /** The offset message id format: IPv4 address, port, commit-log offset, in hex. */
    private static String offsetMessageId(String brokerAddr, long commitLogOffset) throws Exception {
        int colon = brokerAddr.lastIndexOf(':');
        byte[] ip = InetAddress.getByName(brokerAddr.substring(0, colon)).getAddress();
        ByteBuffer id = ByteBuffer.allocate(16);
        id.put(ip).putInt(Integer.parseInt(brokerAddr.substring(colon + 1))).putLong(commitLogOffset);
        StringBuilder hex = new StringBuilder();
        for (byte b : id.array()) {
            hex.append(String.format("%02X", b));
        }
        return hex.toString();
    }
}
