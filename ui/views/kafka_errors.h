// Kafka's error codes for people: the name stays Kafka's (users search for it), the meaning is
// said in the user's language. One place for every view that shows a refusal.
#pragma once

#include "core/error_code.h"

#include <QString>

namespace kafkaerrors {

// "NOT_ENOUGH_REPLICAS" (never translated).
QString name(kl::ErrorCode code);
// What it means, translated ("Fewer in-sync replicas than min.insync.replicas: nothing was written.").
QString meaning(kl::ErrorCode code);

} // namespace kafkaerrors
