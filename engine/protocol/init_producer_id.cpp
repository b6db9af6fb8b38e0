// InitProducerId (key 22), v0-v5 (flexible from v2): an idempotent producer (no transactional
// id) gets a new producer id with epoch 0, as Kafka's transaction coordinator hands one out
// (every call a new id, even from a producer that names its old one, v3+). Its batches then
// carry the id, epoch and sequences the leader checks (EngineCore::appendRecords).
// A transactional id gets COORDINATOR_NOT_AVAILABLE: Kafka Lab has no transaction coordinator.
#include "protocol/apis.h"

namespace kl::proto {

Status handleInitProducerId(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &,
                            Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    const auto transactionalId = in.nullableString("transactional_id");
    in.i32("transaction_timeout_ms");
    if (v >= 3) {
        in.i64("producer_id");
        in.i16("producer_epoch");
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const bool transactional = transactionalId.has_value();
    answer.job = [flexible, transactional](EngineCore &core, std::function<void(Bytes)> done) {
        Result<int64_t> id = transactional
            ? Result<int64_t>(Status::error(ErrorCode::CoordinatorNotAvailable, "no transaction coordinator"))
            : core.initProducerId();
        Bytes body;
        Writer w(body, flexible);
        w.i32(0); // throttle_time_ms
        w.i16(static_cast<int16_t>(id ? ErrorCode::None : id.status().code()));
        w.i64(id ? *id : -1);
        w.i16(id ? 0 : -1);
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
