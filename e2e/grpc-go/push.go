package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	rmq "github.com/apache/rocketmq-clients/golang/v5"
)

// After every message was consumed, the push consumer keeps running this long so that a
// stray redelivery would be seen.
const pushQuietPeriod = 3 * time.Second

// pushOutcome: the listener fails the first delivery of `failed` (a nack) and succeeds on
// every other delivery, so each message should arrive once, and `failed` once more with
// attempt 2.
type pushOutcome struct {
	Sent       []sentMessage `json:"sent"`
	Failed     string        `json:"failed"`
	Deliveries []delivery    `json:"deliveries"`
}

// pushListener records deliveries, fails the first delivery of one body, and reports when
// every awaited body was consumed successfully.
type pushListener struct {
	mu         sync.Mutex
	failBody   string
	deliveries []delivery
	awaited    map[string]bool
	done       chan struct{}
}

func newPushListener(bodies []string) *pushListener {
	l := &pushListener{failBody: bodies[0], awaited: make(map[string]bool, len(bodies)), done: make(chan struct{})}
	for _, body := range bodies {
		l.awaited[body] = true
	}
	return l
}

func (l *pushListener) consume(view *rmq.MessageView) rmq.ConsumerResult {
	l.mu.Lock()
	defer l.mu.Unlock()
	d := toDelivery(view)
	l.deliveries = append(l.deliveries, d)
	if d.Body == l.failBody && d.Attempt == 1 {
		return rmq.FAILURE
	}
	if l.awaited[d.Body] {
		delete(l.awaited, d.Body)
		if len(l.awaited) == 0 {
			close(l.done)
		}
	}
	return rmq.SUCCESS
}

func (l *pushListener) recorded() []delivery {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]delivery{}, l.deliveries...)
}

func runPush(ctx context.Context, o options, producer rmq.Producer) (*pushOutcome, error) {
	listener := newPushListener(bodies(o.pushTopic, o.count))
	consumer, err := rmq.NewPushConsumer(&rmq.Config{Endpoint: o.endpoint, ConsumerGroup: o.pushGroup},
		rmq.WithPushAwaitDuration(o.await),
		rmq.WithPushSubscriptionExpressions(map[string]*rmq.FilterExpression{o.pushTopic: rmq.SUB_ALL}),
		rmq.WithPushMessageListener(&rmq.FuncMessageListener{Consume: listener.consume}),
	)
	if err != nil {
		return nil, fmt.Errorf("new push consumer: %w", err)
	}
	if err = consumer.Start(); err != nil {
		return nil, fmt.Errorf("start push consumer: %w", err)
	}
	defer consumer.GracefulStop()
	out := &pushOutcome{}
	if out.Sent, err = sendAll(ctx, producer, o.pushTopic, o.count, ""); err != nil {
		return out, err
	}
	out.Failed = out.Sent[0].ID
	select {
	case <-listener.done:
	case <-ctx.Done():
		return out, fmt.Errorf("waiting for push deliveries: %w", ctx.Err())
	}
	time.Sleep(pushQuietPeriod)
	out.Deliveries = listener.recorded()
	return out, nil
}
