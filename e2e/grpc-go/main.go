// Command grpc-go drives the official RocketMQ Go client (golang/v5) against a broker's
// gRPC endpoint with its default transport (TLS, any certificate) and no credentials:
// a producer sends messages, simple consumers receive and ack them, and one JSON line
// on stdout reports what was sent and what was delivered. Exit code 0 means the run
// completed; judging the outcome is left to the caller.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"
)

const clientModule = "github.com/apache/rocketmq-clients/golang/v5"

type options struct {
	endpoint  string
	topic     string
	group     string
	fifoTopic string
	fifoGroup string
	pushTopic string
	pushGroup string
	count     int
	invisible time.Duration
	await     time.Duration
	deadline  time.Duration
}

// report is the driver's one line of output.
type report struct {
	OK            bool           `json:"ok"`
	Client        string         `json:"client"`
	ClientVersion string         `json:"clientVersion"`
	Normal        *normalOutcome `json:"normal,omitempty"`
	Fifo          *fifoOutcome   `json:"fifo,omitempty"`
	Push          *pushOutcome   `json:"push,omitempty"`
	Error         string         `json:"error,omitempty"`
}

var emitOnce sync.Once

// emit prints the report once, even when the deadline fires while the run is finishing.
func emit(r report) {
	emitOnce.Do(func() {
		r.Client = "go"
		r.ClientVersion = clientVersion()
		line, _ := json.Marshal(r)
		fmt.Println(string(line))
	})
}

func clientVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, dep := range info.Deps {
		if dep.Path == clientModule {
			return dep.Version
		}
	}
	return "unknown"
}

func parseOptions() options {
	var o options
	flag.StringVar(&o.endpoint, "endpoint", "", "broker gRPC endpoint, host:port")
	flag.StringVar(&o.topic, "topic", "", "NORMAL topic")
	flag.StringVar(&o.group, "group", "", "consumer group of the NORMAL topic")
	flag.StringVar(&o.fifoTopic, "fifo-topic", "", "FIFO topic (empty: skip the FIFO part)")
	flag.StringVar(&o.fifoGroup, "fifo-group", "", "orderly consumer group of the FIFO topic")
	flag.StringVar(&o.pushTopic, "push-topic", "", "NORMAL topic of the push consumer (empty: skip the push part)")
	flag.StringVar(&o.pushGroup, "push-group", "", "consumer group of the push consumer")
	flag.IntVar(&o.count, "count", 8, "messages per topic")
	flag.DurationVar(&o.invisible, "invisible", 10*time.Second, "invisible duration of received messages")
	flag.DurationVar(&o.await, "await", 3*time.Second, "long-polling time of each receive")
	flag.DurationVar(&o.deadline, "deadline", 90*time.Second, "the driver gives up and exits after this")
	flag.Parse()
	return o
}

func main() {
	o := parseOptions()
	if o.endpoint == "" || o.topic == "" || o.group == "" || o.count < 1 {
		emit(report{Error: "--endpoint, --topic, --group and a positive --count are required"})
		os.Exit(2)
	}
	// Start() waits for the broker's Settings without a timeout: only a hard exit bounds it.
	time.AfterFunc(o.deadline, func() {
		emit(report{Error: fmt.Sprintf("deadline of %v exceeded", o.deadline)})
		os.Exit(3)
	})
	ctx, cancel := context.WithTimeout(context.Background(), o.deadline)
	defer cancel()
	r, err := run(ctx, o)
	if err != nil {
		r.Error = err.Error()
		emit(r)
		os.Exit(1)
	}
	r.OK = true
	emit(r)
}
