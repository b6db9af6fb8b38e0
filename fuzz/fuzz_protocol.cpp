// libFuzzer target: the Kafka request decoder (proto::handleFrame), every API and version a
// frame may name. Any bytes give an answer, a job for the engine, or an error that closes the
// connection; nothing reads out of bounds, allocates by a hostile count, throws or crashes.
// The engine jobs are not run (no engine here): the decoding all happens in handleFrame.
#include "protocol/apis.h"

namespace {

const kl::proto::RequestContext &context()
{
    static const kl::proto::RequestContext ctx = [] {
        auto snap = std::make_shared<kl::ClusterSnapshot>();
        snap->controllerId = 1;
        for (int32_t b = 1; b <= 3; ++b) {
            kl::BrokerSnapshot broker;
            broker.id = b;
            snap->brokers.push_back(broker);
        }
        kl::TopicSnapshot topic;
        topic.name = "orders";
        topic.topicId = kl::Uuid::fromString("9a3e5c1f-2b4d-4e6f-8a0b-1c2d3e4f5a6b").value_or(kl::Uuid {});
        for (int32_t p = 0; p < 3; ++p) {
            kl::PartitionSnapshot partition;
            partition.id = p;
            partition.leader = 1 + p;
            partition.replicas = {1, 2, 3};
            partition.isr = {1, 2, 3};
            topic.partitions.push_back(partition);
        }
        snap->topics.push_back(topic);
        kl::proto::RequestContext c;
        c.snapshot = snap;
        for (int32_t b = 1; b <= 3; ++b)
            c.endpoints.push_back({b, "127.0.0.1", 9091 + b});
        c.broker = 1;
        return c;
    }();
    return ctx;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto answer = kl::proto::handleFrame(kl::proto::ByteSpan(data, size), context());
    if (answer && !answer->job && !answer->noResponse && answer->frame.size() < 4)
        __builtin_trap(); // an answer always has its size prefix
    return 0;
}
