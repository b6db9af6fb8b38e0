// GroupForm: field checks and the ConsumerGroupSpec they produce.
#include "models/group_form.h"

#include "models/units.h"

#include <QRegularExpression>

#include <algorithm>

namespace groupform {

namespace {
bool namesInternalTopic(const QStringList &topics)
{
    return topics.contains(QStringLiteral("__consumer_offsets"));
}
} // namespace

QStringList GroupForm::assignors()
{
    return {QStringLiteral("range"), QStringLiteral("roundrobin"), QStringLiteral("sticky"),
            QStringLiteral("cooperative-sticky")};
}

QStringList GroupForm::splitTopics(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.isEmpty() && !out.contains(t))
            out << t;
    }
    return out;
}

Errors GroupForm::validate(const Input &in, const kl::ClusterSnapshot &snapshot)
{
    Errors e;
    static const QRegularExpression legal(QStringLiteral("^[A-Za-z0-9._-]+$"));
    const QString id = in.groupId.trimmed();
    if (id.isEmpty()) {
        e.groupId = tr("a group needs an id (group.id)");
    } else if (id.size() > 249 || !legal.match(id).hasMatch()) {
        e.groupId = tr("use letters, digits, '.', '_' and '-' only (at most 249)");
    } else {
        // The engine starts a group id once; a stopped group grows again with Add consumer.
        const bool exists = std::any_of(snapshot.groups.begin(), snapshot.groups.end(),
                                        [&id](const auto &g) { return QString::fromStdString(g.groupId) == id; });
        if (exists)
            e.groupId = tr("group '%1' exists: select it and use Add consumer, or pick another id").arg(id);
    }

    const QStringList topics = splitTopics(in.topics);
    if (topics.isEmpty()) {
        e.topics = tr("name at least one topic to subscribe to");
    } else {
        QStringList missing;
        for (const QString &t : topics)
            if (!snapshot.topic(t.toStdString()))
                missing << t;
        if (namesInternalTopic(topics))
            e.topics = tr("__consumer_offsets is internal: consumers of it are the coordinators");
        else if (!missing.isEmpty())
            e.topics = tr("no such topic: %1 (create it in the Topics tab)")
                           .arg(missing.join(QStringLiteral(", ")));
    }

    if (in.consumers < 1 || in.consumers > kMaxConsumers)
        e.consumers = tr("from 1 to %1 consumers").arg(kMaxConsumers);
    if (!assignors().contains(in.assignor))
        e.assignor = tr("choose range, roundrobin, sticky or cooperative-sticky");
    if (!(in.ratePerConsumer > 0))
        e.rate = tr("a consumer must process more than 0 records/s");
    if (in.sessionTimeoutMs < kMinSessionTimeoutMs || in.sessionTimeoutMs > kMaxSessionTimeoutMs)
        e.sessionTimeout = tr("between %1 and %2 (group.min/max.session.timeout.ms)")
                               .arg(Units::milliseconds(kMinSessionTimeoutMs), Units::milliseconds(kMaxSessionTimeoutMs));
    return e;
}

kl::ConsumerGroupSpec GroupForm::toSpec(const Input &in)
{
    kl::ConsumerGroupSpec spec;
    spec.groupId = in.groupId.trimmed().toStdString();
    for (const QString &t : splitTopics(in.topics))
        spec.topics.push_back(t.toStdString());
    spec.consumers = in.consumers;
    spec.assignor = in.assignor.toStdString();
    spec.recordsPerSecPerConsumer = in.ratePerConsumer;
    spec.autoCommit = in.autoCommit;
    spec.sessionTimeoutMs = in.sessionTimeoutMs;
    // Kafka's advice: heartbeat.interval.ms no more than a third of session.timeout.ms.
    spec.heartbeatIntervalMs = std::min(3000, in.sessionTimeoutMs / 3);
    return spec;
}

} // namespace groupform
