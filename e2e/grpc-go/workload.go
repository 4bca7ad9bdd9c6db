package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	rmq "github.com/apache/rocketmq-clients/golang/v5"
	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
)

// After the last first delivery, the redelivery watch lasts one invisible time plus this.
const redeliveryGrace = 2 * time.Second

const receiveBatchSize = 16

type sentMessage struct {
	ID   string `json:"id"`
	Body string `json:"body"`
}

type delivery struct {
	ID      string `json:"id"`
	Body    string `json:"body"`
	Tag     string `json:"tag"`
	Group   string `json:"group"`
	Attempt int32  `json:"attempt"`
}

// normalOutcome: every message but `kept` is acked on first delivery; `kept` is left to
// come back after its invisible time, so the watch that follows demonstrably sees
// redeliveries — and should see no other.
type normalOutcome struct {
	Sent        []sentMessage `json:"sent"`
	Received    []delivery    `json:"received"`
	Kept        string        `json:"kept"`
	Redelivered []delivery    `json:"redelivered"`
}

type fifoOutcome struct {
	Sent     []sentMessage `json:"sent"`
	Received []delivery    `json:"received"`
}

func run(ctx context.Context, o options) (report, error) {
	var r report
	producer, err := rmq.NewProducer(&rmq.Config{Endpoint: o.endpoint}, rmq.WithTopics(o.topics()...))
	if err != nil {
		return r, fmt.Errorf("new producer: %w", err)
	}
	if err = producer.Start(); err != nil {
		return r, fmt.Errorf("start producer: %w", err)
	}
	defer producer.GracefulStop()

	if r.Normal, err = runNormal(ctx, o, producer); err != nil {
		return r, fmt.Errorf("normal: %w", err)
	}
	if o.fifoTopic != "" {
		if r.Fifo, err = runFifo(ctx, o, producer); err != nil {
			return r, fmt.Errorf("fifo: %w", err)
		}
	}
	if o.pushTopic != "" {
		if r.Push, err = runPush(ctx, o, producer); err != nil {
			return r, fmt.Errorf("push: %w", err)
		}
	}
	return r, nil
}

func (o options) topics() []string {
	topics := []string{o.topic}
	for _, optional := range []string{o.fifoTopic, o.pushTopic} {
		if optional != "" {
			topics = append(topics, optional)
		}
	}
	return topics
}

func runNormal(ctx context.Context, o options, producer rmq.Producer) (*normalOutcome, error) {
	consumer, err := startConsumer(o, o.group, o.topic)
	if err != nil {
		return nil, err
	}
	defer consumer.GracefulStop()
	out := &normalOutcome{}
	if out.Sent, err = sendAll(ctx, producer, o.topic, o.count, ""); err != nil {
		return out, err
	}
	out.Kept = out.Sent[len(out.Sent)-1].ID
	lastFirstDelivery, err := receiveFirstDeliveries(ctx, o, consumer, out)
	if err != nil {
		return out, err
	}
	return out, watchRedeliveries(ctx, o, consumer, out, lastFirstDelivery.Add(o.invisible+redeliveryGrace))
}

// receiveFirstDeliveries receives until every sent message arrived, acking all but the kept one.
func receiveFirstDeliveries(ctx context.Context, o options, consumer rmq.SimpleConsumer, out *normalOutcome) (time.Time, error) {
	missing := make(map[string]bool, len(out.Sent))
	for _, m := range out.Sent {
		missing[m.ID] = true
	}
	var last time.Time
	for len(missing) > 0 {
		views, err := receiveBatch(ctx, o, consumer)
		if err != nil {
			return last, err
		}
		for _, view := range views {
			last = time.Now()
			out.Received = append(out.Received, toDelivery(view))
			delete(missing, view.GetMessageId())
			if view.GetMessageId() != out.Kept {
				if err = consumer.Ack(ctx, view); err != nil {
					return last, fmt.Errorf("ack %s: %w", view.GetMessageId(), err)
				}
			}
		}
	}
	return last, nil
}

// watchRedeliveries receives (and acks) until `until` has passed and the kept message is back.
func watchRedeliveries(ctx context.Context, o options, consumer rmq.SimpleConsumer, out *normalOutcome, until time.Time) error {
	out.Redelivered = []delivery{}
	keptBack := false
	for !keptBack || time.Now().Before(until) {
		views, err := receiveBatch(ctx, o, consumer)
		if err != nil {
			return err
		}
		for _, view := range views {
			out.Redelivered = append(out.Redelivered, toDelivery(view))
			keptBack = keptBack || view.GetMessageId() == out.Kept
			if err = consumer.Ack(ctx, view); err != nil {
				return fmt.Errorf("ack redelivered %s: %w", view.GetMessageId(), err)
			}
		}
	}
	return nil
}

// runFifo sends one message group and receives it, acking each batch before the next receive.
func runFifo(ctx context.Context, o options, producer rmq.Producer) (*fifoOutcome, error) {
	consumer, err := startConsumer(o, o.fifoGroup, o.fifoTopic)
	if err != nil {
		return nil, err
	}
	defer consumer.GracefulStop()
	out := &fifoOutcome{Received: []delivery{}}
	if out.Sent, err = sendAll(ctx, producer, o.fifoTopic, o.count, "group-"+o.fifoTopic); err != nil {
		return out, err
	}
	for len(out.Received) < len(out.Sent) {
		views, err := receiveBatch(ctx, o, consumer)
		if err != nil {
			return out, err
		}
		for _, view := range views {
			out.Received = append(out.Received, toDelivery(view))
			if err = consumer.Ack(ctx, view); err != nil {
				return out, fmt.Errorf("ack %s: %w", view.GetMessageId(), err)
			}
		}
	}
	return out, nil
}

func startConsumer(o options, group, topic string) (rmq.SimpleConsumer, error) {
	consumer, err := rmq.NewSimpleConsumer(&rmq.Config{Endpoint: o.endpoint, ConsumerGroup: group},
		rmq.WithSimpleAwaitDuration(o.await),
		rmq.WithSimpleSubscriptionExpressions(map[string]*rmq.FilterExpression{topic: rmq.SUB_ALL}),
	)
	if err != nil {
		return nil, fmt.Errorf("new simple consumer %s: %w", group, err)
	}
	if err = consumer.Start(); err != nil {
		return nil, fmt.Errorf("start simple consumer %s: %w", group, err)
	}
	return consumer, nil
}

// sendAll sends `count` messages with body `<topic>-<i>`, tag TagA and key `key-<i>`; a
// non-empty messageGroup makes them FIFO messages of that group.
func sendAll(ctx context.Context, producer rmq.Producer, topic string, count int, messageGroup string) ([]sentMessage, error) {
	sent := make([]sentMessage, 0, count)
	for i, body := range bodies(topic, count) {
		msg := &rmq.Message{Topic: topic, Body: []byte(body)}
		msg.SetTag("TagA")
		msg.SetKeys(fmt.Sprintf("key-%d", i))
		if messageGroup != "" {
			msg.SetMessageGroup(messageGroup)
		}
		receipts, err := producer.Send(ctx, msg)
		if err != nil {
			return sent, fmt.Errorf("send %s: %w", body, err)
		}
		if len(receipts) != 1 {
			return sent, fmt.Errorf("send %s: %d receipts for one message", body, len(receipts))
		}
		sent = append(sent, sentMessage{ID: receipts[0].MessageID, Body: body})
	}
	return sent, nil
}

// bodies are the message bodies sendAll sends: `<topic>-<i>`.
func bodies(topic string, count int) []string {
	all := make([]string, count)
	for i := range all {
		all[i] = fmt.Sprintf("%s-%d", topic, i)
	}
	return all
}

// receiveBatch long-polls once; the broker's MESSAGE_NOT_FOUND is an empty batch.
func receiveBatch(ctx context.Context, o options, consumer rmq.SimpleConsumer) ([]*rmq.MessageView, error) {
	views, err := consumer.Receive(ctx, receiveBatchSize, o.invisible)
	var status *rmq.ErrRpcStatus
	if errors.As(err, &status) && status.GetCode() == int32(v2.Code_MESSAGE_NOT_FOUND) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("receive: %w", err)
	}
	return views, nil
}

func toDelivery(view *rmq.MessageView) delivery {
	d := delivery{ID: view.GetMessageId(), Body: string(view.GetBody()), Attempt: view.GetDeliveryAttempt()}
	if tag := view.GetTag(); tag != nil {
		d.Tag = *tag
	}
	if group := view.GetMessageGroup(); group != nil {
		d.Group = *group
	}
	return d
}
