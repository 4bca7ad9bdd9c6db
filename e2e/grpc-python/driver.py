"""Drives the official RocketMQ Python client (rocketmq-python-client) against a broker's
gRPC endpoint with its default transport (plaintext) and empty credentials: a producer
sends messages, simple consumers receive and ack them, and one JSON line on stdout reports
what was sent and what was delivered. Exit code 0 means the run completed; judging the
outcome is left to the caller. The workload and the JSON shape match e2e/grpc-go.

The client logs to ~/logs/rocketmq_python: run it with HOME pointing at a scratch directory.
"""

import argparse
import importlib.metadata
import json
import os
import sys
import threading
import time

from rocketmq import (ClientConfiguration, ConsumeResult, Credentials,
                      FilterExpression, Message, MessageListener, Producer,
                      PushConsumer, SimpleConsumer)

CLIENT_DISTRIBUTION = "rocketmq-python-client"
RECEIVE_BATCH_SIZE = 16
# After the last first delivery, the redelivery watch lasts one invisible time plus this.
REDELIVERY_GRACE_SECONDS = 2
# After every message was consumed, the push consumer keeps running this long so that a
# stray redelivery would be seen.
PUSH_QUIET_SECONDS = 3

_emit_lock = threading.Lock()
_emitted = False


def emit(report):
    """Prints the report once, even when the deadline fires while the run is finishing."""
    global _emitted
    with _emit_lock:
        if _emitted:
            return
        _emitted = True
        report["client"] = "python"
        report["clientVersion"] = importlib.metadata.version(CLIENT_DISTRIBUTION)
        sys.stdout.write(json.dumps(report) + "\n")
        sys.stdout.flush()


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", required=True, help="broker gRPC endpoint, host:port")
    parser.add_argument("--topic", required=True, help="NORMAL topic")
    parser.add_argument("--group", required=True, help="consumer group of the NORMAL topic")
    parser.add_argument("--fifo-topic", default="", help="FIFO topic (empty: skip the FIFO part)")
    parser.add_argument("--fifo-group", default="", help="orderly consumer group of the FIFO topic")
    parser.add_argument("--push-topic", default="", help="NORMAL topic of the push consumer (empty: skip the push part)")
    parser.add_argument("--push-group", default="", help="consumer group of the push consumer")
    parser.add_argument("--count", type=int, default=8, help="messages per topic")
    parser.add_argument("--invisible-seconds", type=int, default=10, help="invisible duration of received messages")
    parser.add_argument("--await-seconds", type=int, default=3, help="long-polling time of each receive")
    parser.add_argument("--deadline-seconds", type=float, default=90, help="the driver gives up and exits after this")
    return parser.parse_args()


def delivery(message):
    return {
        "id": message.message_id,
        "body": message.body.decode("utf-8"),
        "tag": message.tag or "",
        "group": message.message_group or "",
        "attempt": message.delivery_attempt,
    }


def bodies(topic, count):
    return [f"{topic}-{i}" for i in range(count)]


def send_all(producer, topic, count, message_group=""):
    """Sends `count` messages with body `<topic>-<i>`, tag TagA and key `key-<i>`; a
    non-empty message_group makes them FIFO messages of that group."""
    sent = []
    for i, body in enumerate(bodies(topic, count)):
        message = Message()
        message.topic = topic
        message.body = body.encode("utf-8")
        message.tag = "TagA"
        message.keys = f"key-{i}"
        if message_group:
            message.message_group = message_group
        receipt = producer.send(message)
        sent.append({"id": receipt.message_id, "body": body})
    return sent


def receive_batch(consumer, options):
    """Long-polls once; the broker's MESSAGE_NOT_FOUND is an empty batch."""
    return consumer.receive(RECEIVE_BATCH_SIZE, options.invisible_seconds) or []


def start_consumer(config, options, group, topic):
    consumer = SimpleConsumer(config, group, {topic: FilterExpression()}, await_duration=options.await_seconds)
    consumer.startup()
    return consumer


def receive_first_deliveries(consumer, options, outcome):
    """Receives until every sent message arrived, acking all but the kept one."""
    missing = {m["id"] for m in outcome["sent"]}
    last = time.monotonic()
    while missing:
        for message in receive_batch(consumer, options):
            last = time.monotonic()
            outcome["received"].append(delivery(message))
            missing.discard(message.message_id)
            if message.message_id != outcome["kept"]:
                consumer.ack(message)
    return last


def watch_redeliveries(consumer, options, outcome, until):
    """Receives (and acks) until `until` has passed and the kept message is back."""
    kept_back = False
    while not kept_back or time.monotonic() < until:
        for message in receive_batch(consumer, options):
            outcome["redelivered"].append(delivery(message))
            kept_back = kept_back or message.message_id == outcome["kept"]
            consumer.ack(message)


def run_normal(config, options, producer):
    """Every message but `kept` is acked on first delivery; `kept` is left to come back after
    its invisible time, so the watch that follows demonstrably sees redeliveries, and should
    see no other."""
    consumer = start_consumer(config, options, options.group, options.topic)
    try:
        outcome = {"sent": send_all(producer, options.topic, options.count), "received": [], "redelivered": []}
        outcome["kept"] = outcome["sent"][-1]["id"]
        last = receive_first_deliveries(consumer, options, outcome)
        watch_redeliveries(consumer, options, outcome, last + options.invisible_seconds + REDELIVERY_GRACE_SECONDS)
        return outcome
    finally:
        consumer.shutdown()


def run_fifo(config, options, producer):
    """Sends one message group and receives it, acking each batch before the next receive."""
    consumer = start_consumer(config, options, options.fifo_group, options.fifo_topic)
    try:
        outcome = {"sent": send_all(producer, options.fifo_topic, options.count, "group-" + options.fifo_topic), "received": []}
        while len(outcome["received"]) < len(outcome["sent"]):
            for message in receive_batch(consumer, options):
                outcome["received"].append(delivery(message))
                consumer.ack(message)
        return outcome
    finally:
        consumer.shutdown()


class RecordingListener(MessageListener):
    """Records deliveries, fails the first delivery of one body, and sets `done` once every
    awaited body was consumed successfully."""

    def __init__(self, awaited_bodies):
        self.fail_body = awaited_bodies[0]
        self.awaited = set(awaited_bodies)
        self.deliveries = []
        self.lock = threading.Lock()
        self.done = threading.Event()

    def consume(self, message):
        with self.lock:
            d = delivery(message)
            self.deliveries.append(d)
            if d["body"] == self.fail_body and d["attempt"] == 1:
                return ConsumeResult.FAILURE
            self.awaited.discard(d["body"])
            if not self.awaited:
                self.done.set()
            return ConsumeResult.SUCCESS

    def recorded(self):
        with self.lock:
            return list(self.deliveries)


def run_push(config, options, producer):
    """The listener fails the first delivery of the first message (a nack) and succeeds on
    every other delivery, so each message should arrive once, and that one once more with
    attempt 2."""
    listener = RecordingListener(bodies(options.push_topic, options.count))
    consumer = PushConsumer(config, options.push_group, listener, {options.push_topic: FilterExpression()})
    consumer.startup()
    try:
        sent = send_all(producer, options.push_topic, options.count)
        listener.done.wait()  # bounded by the driver's deadline
        time.sleep(PUSH_QUIET_SECONDS)
        return {"sent": sent, "failed": sent[0]["id"], "deliveries": listener.recorded()}
    finally:
        consumer.shutdown()


def run(options):
    config = ClientConfiguration(options.endpoint, Credentials())
    topics = [t for t in (options.topic, options.fifo_topic, options.push_topic) if t]
    producer = Producer(config, topics)
    producer.startup()
    try:
        report = {"normal": run_normal(config, options, producer)}
        if options.fifo_topic:
            report["fifo"] = run_fifo(config, options, producer)
        if options.push_topic:
            report["push"] = run_push(config, options, producer)
        return report
    finally:
        producer.shutdown()


def exit_at_deadline(seconds):
    emit({"ok": False, "error": f"deadline of {seconds} s exceeded"})
    os._exit(3)


def main():
    options = parse_options()
    deadline = threading.Timer(options.deadline_seconds, exit_at_deadline, [options.deadline_seconds])
    deadline.daemon = True
    deadline.start()
    try:
        report = run(options)
    except Exception as e:  # noqa: BLE001 - every failure becomes the report's error
        emit({"ok": False, "error": f"{type(e).__name__}: {e}"})
        os._exit(1)
    report["ok"] = True
    emit(report)
    # the client leaves non-daemon threads behind after shutdown
    os._exit(0)


if __name__ == "__main__":
    main()
