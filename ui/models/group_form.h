// GroupForm: the "start a consumer group" form's values, checked against a snapshot before
// anything is sent to the engine. Each error belongs to one field so the form shows it next to
// that field. Limits are Kafka's: group.min.session.timeout.ms (6000) and
// group.max.session.timeout.ms (1800000); heartbeat.interval.ms is derived (a third of the
// session timeout, at most 3000) as Kafka's docs advise. Pure values; any thread.
#pragma once

#include "api/commands.h"
#include "api/snapshot.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace groupform {

constexpr int kMinSessionTimeoutMs = 6000;    // group.min.session.timeout.ms
constexpr int kMaxSessionTimeoutMs = 1800000; // group.max.session.timeout.ms
constexpr int kMaxConsumers = 64;

struct Input {
    QString groupId;
    QString topics;               // comma separated
    int consumers = 3;
    QString assignor = QStringLiteral("range");
    double ratePerConsumer = 100;
    bool autoCommit = true;
    int sessionTimeoutMs = 10000; // Kafka Lab's default; Kafka's is 45000 (KIP-735), the form says so
};

struct Errors {
    QString groupId;
    QString topics;
    QString consumers;
    QString assignor;
    QString rate;
    QString sessionTimeout;
    bool any() const
    {
        return !groupId.isEmpty() || !topics.isEmpty() || !consumers.isEmpty()
            || !assignor.isEmpty() || !rate.isEmpty() || !sessionTimeout.isEmpty();
    }
};

class GroupForm {
    Q_DECLARE_TR_FUNCTIONS(GroupForm)
public:
    static QStringList assignors(); // Kafka's protocol names
    static QStringList splitTopics(const QString &text);
    static Errors validate(const Input &input, const kl::ClusterSnapshot &snapshot);
    // Only meaningful when validate() found nothing.
    static kl::ConsumerGroupSpec toSpec(const Input &input);
};

} // namespace groupform
